import CCGReport
import Foundation

/// A file that an analyser setting names (a stance model), with the hash of its bytes. A setting's value
/// is only a path, and the file behind it can be retrained in place; the hash is what says which model a
/// report was made with (`run.settingFiles`), what the cache keys on, and what a merge compares.
public struct SettingFile: Sendable, Equatable {
    /// `analyser.key`, as `--set` spells it.
    public var setting: String
    public var path: String
    public var sha256: String

    /// The settings whose value is the path of a regular file, in setting order.
    public static func named(in settings: [String: [String: String]]) -> [SettingFile] {
        settings.sorted { $0.key < $1.key }.flatMap { analyser, values in
            values.sorted { $0.key < $1.key }.compactMap { key, value -> SettingFile? in
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: value, isDirectory: &isDirectory), !isDirectory.boolValue,
                    let bytes = FileManager.default.contents(atPath: value)
                else { return nil }
                return SettingFile(setting: "\(analyser).\(key)", path: value, sha256: Report.sha256(bytes))
            }
        }
    }
}

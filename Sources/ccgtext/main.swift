import CCGIngest
import CCGModel
import Foundation
let lex = LexiconDirectory(root: URL(fileURLWithPath: "lexicons"))
let ing = try Ingester(lexicons: lex)
for p in CommandLine.arguments.dropFirst() {
  do { let o = try ing.ingest(fileAt: p)
  let e = JSONEncoder(); e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  print(String(decoding: try e.encode(o.document), as: UTF8.self)); print(o.warnings) } catch { print("ERR", error) }
}

import CCGModel
import SentimentAnalyser
import HedgesAnalyser
import StanceAnalyser
import ThemesAnalyser

/// Every built-in analyser, in the order they run and appear in reports. Adding an analyser: one line
/// here and one in `folders`; a test fails when a folder under `Plugins/` is missing from this list.
public enum AnalyserRegistry {
    public static let all: [any Analyser.Type] = [
        SentimentAnalyser.self,
        StanceAnalyser.self,
        ThemesAnalyser.self,
        HedgesAnalyser.self,
    ]

    /// The `Plugins/` folder of each registered analyser, by id.
    public static let folders: [String: String] = [
        "sentiment": "Sentiment",
        "stance": "Stance",
        "themes": "Themes",
        "hedges": "Hedges",
    ]

    public static var descriptions: [AnalyserDescription] { all.map { $0.description } }
}

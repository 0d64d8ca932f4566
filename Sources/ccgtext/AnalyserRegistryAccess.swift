import CCGAnalysers
import CCGModel

enum AnalyserRegistryAccess {
    static var descriptions: [AnalyserDescription] { AnalyserRegistry.descriptions }
}

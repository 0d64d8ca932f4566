// swift-tools-version: 6.0
import PackageDescription

/// ccgtext: a text-mining pipeline for commentary and debate.
///
/// Layout (each folder is one room):
/// - `Sources/CShims/*`: the only code that sees libxml2, ICU, zlib, liblinear, libstemmer and SQLite headers,
///   and `posix_spawn` (plugins start in a process group of their own).
/// - `Sources/CCGModel`: the value types every stage and every analyser share (the plugin author's API).
/// - `Sources/CCGTokenize`, `Sources/CCGIngest`: bytes → documents → tokens.
/// - `Sources/CCGPipeline`, `Sources/CCGReport`: running analysers, aggregating, writing the report.
/// - `Sources/CCGExport`: the report's other forms for people (HTML with charts, CSV, SQLite through
///   `Sources/CShims/CSQLite`, JSON Lines) and the evidence mark-up they and `ccgtext explain` share.
/// - `Sources/CCGLearn`: trainable classifiers (liblinear through `Sources/CShims/CLinear`) and their features.
/// - `Sources/CCGEvaluate`: metrics and runners behind `ccgtext eval` (scores against labelled data).
/// - `Sources/CCGExternal`: analysers in other processes (`*.plugin.json` manifests, protocol in docs/plugins.md).
/// - `Sources/CCGDictionary`: LIWC-style `.dic` dictionaries as analysers.
/// - `Sources/CCGAnalysers`: the registry of built-in analysers (one line per `Plugins/` folder), and the catalog
///   of every kind with the project configuration (`ccgtext.json`).
/// - `Plugins/<Name>`: one analyser each (docs/writing-an-analyser.md).
/// - `Sources/ccgtext`: the command-line interface.
/// - `Sources/CCGFuzz`: `ccgtext-fuzz`, libFuzzer targets over every reader of untrusted bytes (docs/fuzzing.md).
let package = Package(
    name: "ccgtext",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ccgtext", targets: ["ccgtext"]),
        .library(name: "CCGModel", targets: ["CCGModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // C shims
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CShims/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .systemLibrary(
            name: "CICU", path: "Sources/CShims/CICU", pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"]), .brew(["icu4c"])]),
        .target(name: "CICUBridge", dependencies: ["CICU"], path: "Sources/CShims/CICUBridge"),
        .systemLibrary(name: "CLinear", path: "Sources/CShims/CLinear", providers: [.apt(["liblinear-dev"]), .brew(["liblinear"])]),
        .systemLibrary(
            name: "CStemmer", path: "Sources/CShims/CStemmer", providers: [.apt(["libstemmer-dev"]), .brew(["snowball"])]),
        .systemLibrary(
            name: "CSQLite", path: "Sources/CShims/CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        .target(
            name: "CZlibBridge", path: "Sources/CShims/CZlibBridge",
            linkerSettings: [.linkedLibrary("z")]),
        .target(name: "CProcessBridge", path: "Sources/CShims/CProcessBridge"),

        // Core model: the public surface for analyser authors.
        .target(name: "CCGModel"),

        // Stages
        .target(name: "CCGTokenize", dependencies: ["CCGModel", "CICUBridge", "CStemmer"]),
        .target(name: "CCGIngest", dependencies: ["CCGModel", "CLibXML2", "CZlibBridge", "CCGTokenize"]),
        .target(
            name: "CCGReport",
            dependencies: ["CCGModel", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "CCGExport", dependencies: ["CCGModel", "CCGReport", "CCGTokenize", "CSQLite"]),
        .target(name: "CCGLearn", dependencies: ["CLinear"]),
        .target(
            name: "CCGEvaluate", dependencies: ["CCGModel", "CCGIngest", "CCGTokenize", "CCGLearn", "CCGPipeline", "SentimentAnalyser", "StanceAnalyser", "ThemesAnalyser"]),
        .target(
            name: "CCGPipeline",
            dependencies: ["CCGModel", "CCGIngest", "CCGTokenize", "CCGReport", "CProcessBridge"]),

        // Analysers that are not compiled in: other processes (`*.plugin.json`) and LIWC-style dictionaries.
        .target(name: "CCGExternal", dependencies: ["CCGModel", "CCGIngest", "CCGPipeline", "CProcessBridge"]),
        .target(name: "CCGDictionary", dependencies: ["CCGModel", "CCGPipeline", "CCGReport"]),

        // Analysers, one folder each under Plugins/, and the registry that lists them.
        .target(
            name: "SentimentAnalyser", dependencies: ["CCGModel", "CCGLearn"], path: "Plugins/Sentiment",
            // Labelled comments (ids and labels) and their policy: data for `eval`/`train`, not sources.
            exclude: ["CommentSet"]),
        .target(
            name: "StanceAnalyser", dependencies: ["CCGModel", "CCGLearn", "SentimentAnalyser"],
            path: "Plugins/Stance"),
        .target(name: "ThemesAnalyser", dependencies: ["CCGModel", "CCGTokenize", "CCGLearn"], path: "Plugins/Themes"),
        .target(name: "HedgesAnalyser", dependencies: ["CCGModel"], path: "Plugins/Hedges"),
        .target(
            name: "CCGAnalysers",
            dependencies: [
                "CCGModel", "CCGIngest", "CCGPipeline", "CCGExternal", "CCGDictionary", "SentimentAnalyser", "StanceAnalyser", "ThemesAnalyser",
                "HedgesAnalyser",
            ]),

        // CLI
        .executableTarget(
            name: "ccgtext",
            dependencies: [
                "CCGModel", "CCGIngest", "CCGTokenize", "CCGPipeline", "CCGReport", "CCGExport", "CCGAnalysers", "CCGEvaluate", "CCGLearn",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Fuzzing: libFuzzer targets over every reader of untrusted bytes (scripts/fuzz.sh), and their replay.
        .executableTarget(
            name: "ccgtext-fuzz", dependencies: ["CCGModel", "CCGIngest", "CCGTokenize", "CCGPipeline", "CCGReport", "CCGAnalysers", "CCGDictionary"],
            path: "Sources/CCGFuzz"),

        // Tests
        .target(name: "CCGTestSupport", dependencies: ["CCGModel"], path: "Tests/CCGTestSupport"),
        .testTarget(
            name: "CCGTextTests",
            dependencies: [
                "CCGTestSupport", "CCGModel", "CCGIngest", "CCGTokenize", "CCGPipeline", "CCGReport", "CCGExport", "CCGEvaluate", "CCGLearn",
                "CCGAnalysers", "CCGExternal", "CCGDictionary", "SentimentAnalyser", "StanceAnalyser", "ThemesAnalyser", "HedgesAnalyser",
            ]),
    ],
    swiftLanguageModes: [.v6]
)

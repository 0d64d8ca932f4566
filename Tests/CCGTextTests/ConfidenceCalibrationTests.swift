import CCGAnalysers
import CCGEvaluate
import CCGLearn
import CCGModel
import CCGTestSupport
import CCGTokenize
import Foundation
import StanceAnalyser
import Testing

/// Confidence that means something: Platt's fit, the calibration error and Brier score that measure it,
/// the zero-shot rules reading their calibration file, and the two commands that fit one.
@Suite struct ConfidenceCalibrationTests {
    static let benchmarks = Fixtures.root.deletingLastPathComponent().appendingPathComponent("shared/benchmarks")

    /// Items right at the rate σ(1.5 x − 0.5) give back that slope and intercept.
    @Test func plattFitRecoversTheRateOfBeingRight() throws {
        var strengths: [Double] = []
        var correct: [Bool] = []
        for step in 0...30 {
            let strength = Double(step) / 10
            let right = Int((200 / (1 + exp(-(1.5 * strength - 0.5)))).rounded())
            strengths += Array(repeating: strength, count: 200)
            correct += (0..<200).map { $0 < right }
        }
        let fitted = try ConfidenceCalibration.fit(strengths: strengths, correct: correct, source: "test")
        #expect(abs(fitted.slope - 1.5) < 0.05 && abs(fitted.intercept + 0.5) < 0.05, "\(fitted)")
        #expect(abs(fitted.confidence(1) - 1 / (1 + exp(-1.0))) < 0.01)
        #expect(throws: (any Error).self) { try ConfidenceCalibration.fit(strengths: [0.1, 0.2], correct: [true, true], source: "test") }
    }

    @Test func calibrationErrorAndBrierScore() {
        let measure = CalibrationMeasure(confidences: [0.9, 0.9, 0.9, 0.9, 0.1], correct: [true, true, false, false, false])
        #expect(abs(measure.expectedCalibrationError - 0.34) < 1e-9)
        #expect(abs(measure.brier - 0.33) < 1e-9)
        #expect(measure.bins[9].items == 4 && measure.bins[1].items == 1)
        #expect(CalibrationMeasure(confidences: [1, 0], correct: [true, false]).expectedCalibrationError == 0)
    }

    /// The shipped rules give a side the calibrated chance of its absolute score; a lexicon folder without
    /// the file keeps the squashed score.
    @Test func zeroShotConfidenceIsTheCalibratedChance() throws {
        let tokenizer = try Tokenizer()
        let document = Document(
            source: "t", format: .text, kind: .debate, debate: Debate(motion: "Are CCGs a failed experiment?", sides: []),
            units: [TextUnit(id: "u1", type: .comment, text: "CCGs have been a disaster: money wasted and GPs ignored.")])
        let tokenized = tokenizer.tokenize(document)
        let calibration = try #require(try Fixtures.lexicons.json(StanceConfidence.path, as: StanceConfidence.self))
        let calibrated = try StanceAnalyser(context: AnalyserContext(lexicons: Fixtures.lexicons)).analyse(tokenized.units[0], in: tokenized, earlier: [:])
        #expect(calibrated.label == "favor")
        #expect(abs(calibrated.confidence - calibration.side.confidence(abs(calibrated.score))) < 0.001)

        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("lexicons")
        try FileManager.default.copyItem(at: Fixtures.lexicons.root, to: copy)
        try FileManager.default.removeItem(at: copy.appendingPathComponent(StanceConfidence.path))
        let plain = try StanceAnalyser(context: AnalyserContext(lexicons: LexiconDirectory(root: copy))).analyse(tokenized.units[0], in: tokenized, earlier: [:])
        #expect(plain.label == calibrated.label && plain.score == calibrated.score)
        #expect(abs(plain.confidence - abs(plain.score) / (abs(plain.score) + 0.5)) < 0.001)

        try Data(#"{"format": "ccgtext-stance-confidence", "version": 9, "licence": "", "side": {"slope": 1, "intercept": 0, "examples": 1, "source": ""}}"#.utf8)
            .write(to: copy.appendingPathComponent(StanceConfidence.path))
        #expect { try StanceAnalyser(context: AnalyserContext(lexicons: LexiconDirectory(root: copy))) } throws: { "\($0)".contains("version 9") }
    }

    /// `train stance-confidence` on a TSV with all three labels fits a side and a none calibration.
    @Test func trainStanceConfidenceFitsSidesAndNone() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let motion = "Are CCGs a failed experiment?"
        let rows: [(String, String)] = [
            ("CCGs have been a disaster: money wasted and GPs ignored.", "favor"), ("The CCG wasted millions and nobody listened.", "favor"),
            ("Our CCG was a terrible failure for patients.", "against"), ("CCGs have been a great success for local care.", "against"),
            ("Our CCG did brilliant work on diabetes care.", "favor"), ("The CCG helped practices work together well.", "against"),
            ("Does anyone know when the next CCG board meeting is?", "none"), ("The meeting is on Tuesday in the town hall.", "none"),
            ("CCGs publish their board papers online.", "favor"), ("The CCG covers three towns and forty practices.", "none"),
            ("I read the report on the train.", "against"), ("CCGs were set up in 2013.", "none"),
        ]
        let data = folder.appendingPathComponent("labels.tsv")
        try Data((["target\ttext\tlabel"] + rows.map { "\(motion)\t\($0.0)\t\($0.1)" }).joined(separator: "\n").utf8).write(to: data)
        let output = folder.appendingPathComponent("confidence.json").path
        let result = try CommandLineTests.run(["train", "stance-confidence", "--data", data.path, "--licence", "test", "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let fitted = try JSONDecoder().decode(StanceConfidence.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(fitted.licence == "test" && fitted.side.examples + (fitted.none?.examples ?? 0) == rows.count)
        #expect(fitted.none != nil, "\(result.stdout)")
        #expect(result.stdout.contains("favor/against:") && result.stdout.contains("none:"))
    }

    /// The shipped calibration is what the documented command writes from PERSPECTRUM dev and TweetEval
    /// stance val: a stale file fails here.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: benchmarks.appendingPathComponent("perspectrum/dataset_split_v1.0.json").path)
            && FileManager.default.fileExists(atPath: benchmarks.appendingPathComponent("tweeteval/stance/mapping.txt").path),
        "PERSPECTRUM or TweetEval stance not found beside the project (../shared/benchmarks); skipped"))
    func shippedCalibrationIsReproduced() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shipped = try Fixtures.lexicons.json(StanceConfidence.path, as: StanceConfidence.self)
        let output = folder.appendingPathComponent("confidence.json").path
        let result = try CommandLineTests.run([
            "train", "stance-confidence", "--data", Self.benchmarks.appendingPathComponent("perspectrum").path,
            "--data", Self.benchmarks.appendingPathComponent("tweeteval/stance").path, "--licence", shipped.licence, "-o", output,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let refit = try JSONDecoder().decode(StanceConfidence.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(refit == shipped, "lexicons/\(StanceConfidence.path) is stale: rerun the command in docs/stance.md")
    }

    /// `train stance` calibrates the model's confidence on the validation split, and `eval stance` prints
    /// how well it holds.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: benchmarks.appendingPathComponent("tweeteval/stance/abortion/val_text.txt").path),
        "TweetEval stance not found beside the project (../shared/benchmarks/tweeteval); skipped"))
    func trainedModelsCarryACalibration() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = Self.benchmarks.appendingPathComponent("tweeteval/stance/abortion").path
        let model = folder.appendingPathComponent("model.json").path
        let trained = try CommandLineTests.run(["train", "stance", "--data", data, "--cost", "0.1", "-o", model])
        #expect(trained.status == 0 && trained.stdout.contains("Confidence calibrated on val"), "\(trained.stdout)\(trained.stderr)")
        let loaded = try StanceModel.load(model)
        let calibration = try #require(loaded.calibration)
        #expect(calibration.slope > 0 && calibration.source.contains("val"))
        let evaluated = try CommandLineTests.run(["eval", "stance", "--gold", data, "--model", model])
        #expect(evaluated.status == 0 && evaluated.stdout.contains("ECE"), "\(evaluated.stderr)")
    }
}

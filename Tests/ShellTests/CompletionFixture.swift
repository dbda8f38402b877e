import Frames
@testable import Shell

/// Frames and helpers shared by the completion tests.
enum CompletionFixture {
    static let ipdr: [Field] = [
        Field("msisdn", .string), Field("imei", .string), Field("dst_ip", .ip), Field("dst_port", .int),
        Field("bytes_up", .int), Field("bytes_down", .int), Field("start_time", .timestamp),
        Field("Start Date", .string),
    ]
    static let cells: [Field] = [Field("cell_id", .string), Field("msisdn", .string), Field("lat", .float)]

    static func engine(directory: String = "/nonexistent-folder", analyzers: [String] = []) -> CompletionEngine {
        CompletionEngine(context: CompletionContext(
            frames: ["ipdr": ipdr, "cells": cells, "Odd Frame": [Field("x", .int)]],
            settingKeys: ["tz", "display.rows", "display.pager", "script.on_error", "plugins.path"],
            currentDirectory: directory, analyzerNames: analyzers))
    }

    /// Completes at the end of `text`, or at the `‸` marker (which is removed).
    static func complete(_ text: String, engine: CompletionEngine = engine()) -> Completion {
        if let marker = text.range(of: "‸") {
            let cursor = text[..<marker.lowerBound].utf8.count
            return engine.complete(text.replacingCharacters(in: marker, with: ""), cursor: cursor)
        }
        return engine.complete(text, cursor: text.utf8.count)
    }

    /// The candidates at the end of `text` (or at `‸`).
    static func candidates(_ text: String, engine: CompletionEngine = engine()) -> [String] {
        complete(text, engine: engine).candidates
    }
}

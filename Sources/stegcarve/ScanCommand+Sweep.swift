import ArgumentParser
import StegCarve
import StegCarveSweep

/// The sweep-at-scale parts of `scan`: inputs from the selection options, the state database,
/// progress totals.
extension ScanCommand {
    /// The operands and `--files-from` list under the selection rules.
    func makeInputs() throws -> InputEnumerator {
        try selection.makeInputs(paths: paths)
    }

    /// A reporter whose totals are counted by a second walk (not for a list on standard input).
    func makeProgressReporter() -> ProgressReporter {
        guard selection.filesFrom != "-" else { return ProgressReporter() }
        let counter = TotalsCounter()
        let paths = paths
        let filesFrom = selection.filesFrom
        let nullSeparated = selection.nullSeparated
        let rules = selection.selection
        counter.start {
            var list: PathListReader?
            if let filesFrom {
                guard let reader = try? PathListReader(path: filesFrom, nullSeparated: nullSeparated) else { return nil }
                list = reader
            }
            return InputEnumerator(paths: paths, list: list, selection: rules)
        }
        return ProgressReporter(totals: counter)
    }

    /// `--state`, opened, or `nil` without the option.
    func openState(configuration: ScanConfiguration) throws -> SweepState? {
        guard let state else { return nil }
        do {
            return try SweepState(path: state, configuration: configuration, extractDirectory: extract, version: StegCarveCommand.configuration.version)
        } catch {
            printError("stegcarve: cannot use --state \(state): \(error)")
            throw ExitCode(2)
        }
    }
}

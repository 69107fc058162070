/// A plain-text table with left-aligned columns for terminal listings, fitted to a width: cells
/// too wide for their share wrap onto more lines (after commas and spaces), so a table of long
/// role and obligation lists still fits an 80-column terminal.
struct TextTable {
    let headers: [String]
    /// Columns of free text whose words may be cut when nothing else fits (ids never are).
    let freeText: Set<Int>
    private var rows: [[String]] = []

    init(headers: [String], freeText: Set<Int> = []) {
        self.headers = headers
        self.freeText = freeText
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    static let gap = 2

    func render(width: Int = 80) -> String {
        let all = [headers] + rows
        let columns = headers.indices
        func cell(_ row: [String], _ column: Int) -> String { row.indices.contains(column) ? row[column] : "" }
        var widths = columns.map { column in all.map { cell($0, column).count }.max() ?? 0 }
        // The narrowest a column can get: its longest word (a word never breaks unless it must).
        let narrowest = columns.map { column in all.map { Self.words(cell($0, column)).map(\.text.count).max() ?? 0 }.max() ?? 0 }
        let available = max(width - Self.gap * (headers.count - 1), headers.count)
        // Take a character at a time from the column with the most room to give.
        while widths.reduce(0, +) > available {
            let room = columns.map { widths[$0] - narrowest[$0] }
            guard let column = columns.max(by: { room[$0] < room[$1] }), room[column] > 0 else { break }
            widths[column] -= 1
        }
        // Still too wide: words of free-text columns break too, the widest first.
        while widths.reduce(0, +) > available,
              let column = freeText.filter({ widths[$0] > 8 }).max(by: { widths[$0] < widths[$1] }) {
            widths[column] -= 1
        }
        var lines: [String] = []
        for row in all {
            let wrapped = columns.map { Self.wrap(cell(row, $0), width: widths[$0]) }
            for line in 0..<(wrapped.map(\.count).max() ?? 1) {
                let parts = columns.map { wrapped[$0].indices.contains(line) ? wrapped[$0][line] : "" }
                let last = parts.lastIndex { !$0.isEmpty } ?? 0
                let text = parts.enumerated().prefix(last + 1).map { index, part in
                    index == last ? part : part + String(repeating: " ", count: widths[index] - part.count)
                }.joined(separator: String(repeating: " ", count: Self.gap))
                lines.append(text)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The pieces a cell may break between: at a space, or after a comma. `spaced` says whether
    /// a space stood before the piece (kept when the two stay on one line).
    static func words(_ text: String) -> [(text: String, spaced: Bool)] {
        var words: [(text: String, spaced: Bool)] = []
        var current = ""
        var spaced = false
        for character in text {
            if character == " " {
                if !current.isEmpty { words.append((current, spaced)) }
                current = ""
                spaced = true
            } else {
                current.append(character)
                if character == "," {
                    words.append((current, spaced))
                    current = ""
                    spaced = false
                }
            }
        }
        if !current.isEmpty { words.append((current, spaced)) }
        return words
    }

    /// `text` in lines of at most `width` characters, breaking between words where it can.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard text.count > width else { return [text] }
        var lines: [String] = []
        var line = ""
        for (piece, spaced) in words(text) {
            var word = piece
            let separator = line.isEmpty || !spaced ? "" : " "
            if line.count + separator.count + word.count <= width {
                line += separator + word
                continue
            }
            if !line.isEmpty { lines.append(line) }
            while word.count > width {
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            line = word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

/// A grid of Unicode braille characters, each holding 2×4 dots, for line charts in
/// the terminal. Dots are addressed in pixels from the top-left.
struct BrailleCanvas {
    let columns: Int
    let rows: Int
    /// Dot bits per character cell, one layer per series.
    private(set) var cells: [[UInt8]]

    init(columns: Int, rows: Int, layers: Int) {
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        cells = Array(repeating: Array(repeating: 0, count: self.columns * self.rows), count: max(1, layers))
    }

    var pixelWidth: Int { columns * 2 }
    var pixelHeight: Int { rows * 4 }

    private static let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    mutating func set(_ px: Int, _ py: Int, layer: Int) {
        guard px >= 0, py >= 0, px < pixelWidth, py < pixelHeight, layer < cells.count else { return }
        cells[layer][(py / 4) * columns + px / 2] |= BrailleCanvas.bits[px % 2][py % 4]
    }

    /// Bresenham line between two pixels.
    mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, layer: Int) {
        var x = x0, y = y0
        let dx = Swift.abs(x1 - x0), dy = -Swift.abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        var guardSteps = 0
        while guardSteps < 100_000 {
            set(x, y, layer: layer)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
            guardSteps += 1
        }
    }

    /// The layers present in a character cell.
    func layers(at col: Int, _ row: Int) -> [Int] {
        (0..<cells.count).filter { cells[$0][row * columns + col] != 0 }
    }

    /// The braille character of the union of all layers in a cell (nil if empty).
    func character(at col: Int, _ row: Int) -> Character? {
        var b: UInt8 = 0
        for l in cells { b |= l[row * columns + col] }
        guard b != 0, let u = Unicode.Scalar(0x2800 + UInt32(b)) else { return nil }
        return Character(u)
    }
}

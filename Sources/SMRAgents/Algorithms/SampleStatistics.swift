/// Mean and variance as NumPy / PyTorch compute them for the agents' logs and losses:
/// `variance(correction: 0)` is `np.var`, `correction: 1` is `torch.var` / `tensor.std()`;
/// NaN when there are no more values than the correction.
public enum SampleStatistics {
    public static func mean(_ x: [Double]) -> Double {
        x.reduce(0, +) / Double(x.count)
    }

    public static func variance(_ x: [Double], correction: Int) -> Double {
        guard x.count > correction else { return .nan }
        let m = mean(x)
        return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - correction)
    }
}

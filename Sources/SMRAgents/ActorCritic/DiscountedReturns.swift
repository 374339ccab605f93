import SMRTensor
/// The notebook's Monte-Carlo returns, computed as its loop computes them on float32
/// tensors (`R = r + gamma * R`, the Python float `gamma` applied in float32 arithmetic):
///
/// ```python
/// returns, R = [], 0
/// for r in reversed(rewards):
///     R = r + gamma * R
///     returns.insert(0, R)
/// ```
public enum DiscountedReturns {
    /// The returns of `rewards` (already rounded to float32, as `torch.tensor(reward, dtype=torch.float32)`).
    public static func float32(_ rewards: [Float], gamma: Double = 0.99) -> [Float] {
        let g = Float(gamma)
        var returns = [Float](filled: 0, count: rewards.count)
        var r: Float = 0
        var t = rewards.count - 1
        while t >= 0 {
            r = rewards[t] + g * r
            returns[t] = r
            t -= 1
        }
        return returns
    }
}

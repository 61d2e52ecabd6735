namespace DiligenceEngine.Domain.Markets;

/// <summary>One clinic of the target practice and the market it sits in.</summary>
public sealed record Location(string Id, string Name, MarketId Market);

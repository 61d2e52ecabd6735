using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Data.Inputs;

/// <summary>Everything known about a market: payors, markets, practice-level rates, negotiation history, visit baskets.</summary>
public sealed record MarketDataset(
    PayorDirectory Payors,
    IReadOnlyDictionary<MarketId, Market> Markets,
    RateTable Rates,
    IReadOnlyList<NegotiationRecord> Negotiations,
    IReadOnlyList<VisitBasket> VisitBaskets);

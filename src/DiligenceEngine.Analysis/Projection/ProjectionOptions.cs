using DiligenceEngine.Domain.MarketData;

namespace DiligenceEngine.Analysis.Projection;

/// <summary>Parameters of the uplift projection; every one is written to the results.</summary>
public sealed record ProjectionOptions
{
    /// <summary>The acquisition close date. Required: an analysis date belongs to the job, not to the clock.</summary>
    public required DateOnly CloseDate { get; init; }

    public DealStructure Deal { get; init; } = DealStructure.StockPurchase;

    public int HorizonMonths { get; init; } = 36;

    public int Paths { get; init; } = 10_000;

    public int Seed { get; init; } = 2025;

    /// <summary>Annual discount rate for NPV (fraction), applied monthly at each month's end.</summary>
    public double DiscountRate { get; init; } = 0.10;

    /// <summary>Annual volume growth (fraction); zero unless the job sets it.</summary>
    public double VolumeGrowth { get; init; }

    /// <summary>The NPV of uplift whose probability of being exceeded is reported, in dollars.</summary>
    public double UpliftThresholdDollars { get; init; }

    /// <summary>Consent arrives uniformly between these many days after close.</summary>
    public int ConsentDelayMinDays { get; init; } = 30;

    public int ConsentDelayMaxDays { get; init; } = 90;

    /// <summary>A terminated contract's credentialing gap lasts uniformly between these many days.</summary>
    public int CredentialingGapMinDays { get; init; } = 90;

    public int CredentialingGapMaxDays { get; init; } = 180;

    public int NegotiationLeadDays { get; init; } = 180;

    /// <summary>The market percentile a new entrant's rates start at after a terminated contract is re-credentialed.</summary>
    public double NewEntrantPercentile { get; init; } = 0.25;

    /// <summary>The market percentile the move-to-percentile strategy asks for.</summary>
    public double TargetPercentile { get; init; } = 0.75;

    /// <summary>Payor name → strategy forced by the user instead of the recommended one.</summary>
    public IReadOnlyDictionary<string, NegotiationStrategy> ForcedStrategies { get; init; } = new Dictionary<string, NegotiationStrategy>();

    public double Confidence { get; init; } = 0.90;

    public void Validate()
    {
        if (HorizonMonths is < 1 or > 120) throw new ArgumentOutOfRangeException(nameof(HorizonMonths), HorizonMonths, "must be 1-120 months");
        if (Paths is < 100 or > 1_000_000) throw new ArgumentOutOfRangeException(nameof(Paths), Paths, "must be 100-1,000,000 paths");
        if (DiscountRate is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(DiscountRate), DiscountRate, "must be a fraction in [0, 1]");
        if (VolumeGrowth is < -0.5 or > 1) throw new ArgumentOutOfRangeException(nameof(VolumeGrowth), VolumeGrowth, "must be a fraction in [-0.5, 1]");
        if (ConsentDelayMinDays < 0 || ConsentDelayMaxDays < ConsentDelayMinDays) throw new ArgumentOutOfRangeException(nameof(ConsentDelayMaxDays), "consent delay range must be 0 ≤ min ≤ max days");
        if (CredentialingGapMinDays < 0 || CredentialingGapMaxDays < CredentialingGapMinDays) throw new ArgumentOutOfRangeException(nameof(CredentialingGapMaxDays), "credentialing gap range must be 0 ≤ min ≤ max days");
        if (NewEntrantPercentile is <= 0 or >= 1 || TargetPercentile is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(TargetPercentile), "percentiles must be in (0, 1)");
    }

    /// <summary>The calendar these options imply at the midpoints of their ranges.</summary>
    public CalendarOptions Calendar => new()
    {
        ConsentDelayDays = (ConsentDelayMinDays + ConsentDelayMaxDays) / 2,
        CredentialingGapDays = (CredentialingGapMinDays + CredentialingGapMaxDays) / 2,
        NegotiationLeadDays = NegotiationLeadDays,
    };

    /// <summary>First day of the projection: the first of the month after close (the close date itself if it is a 1st).</summary>
    public DateOnly Start => CloseDate.Day == 1 ? CloseDate : new DateOnly(CloseDate.Year, CloseDate.Month, 1).AddMonths(1);
}

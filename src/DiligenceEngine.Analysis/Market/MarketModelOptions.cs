namespace DiligenceEngine.Analysis.Market;

/// <summary>Parameters of the market model; every one is reported in the results' assumptions.</summary>
public sealed record MarketModelOptions
{
    /// <summary>Cells with fewer distinct practices than this are flagged as small samples and shrunk.</summary>
    public int SmallCellPractices { get; init; } = 10;

    /// <summary>Observations below this share of the locality Medicare rate are excluded as outliers.</summary>
    public double OutlierBelowMedicareFraction { get; init; } = 0.40;

    /// <summary>Observations above this share of the locality Medicare rate are excluded as outliers.</summary>
    public double OutlierAboveMedicareFraction { get; init; } = 4.00;

    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>Two-sided confidence of bootstrap and model intervals.</summary>
    public double Confidence { get; init; } = 0.90;

    public int Seed { get; init; } = 2025;

    /// <summary>A target rate within this share of the cell median is "at market".</summary>
    public double AtMarketBand { get; init; } = 0.05;

    public void Validate()
    {
        if (SmallCellPractices < 1) throw new ArgumentOutOfRangeException(nameof(SmallCellPractices), SmallCellPractices, "must be at least 1 practice");
        if (OutlierBelowMedicareFraction < 0 || OutlierAboveMedicareFraction <= OutlierBelowMedicareFraction)
            throw new ArgumentOutOfRangeException(nameof(OutlierAboveMedicareFraction), $"the outlier band [{OutlierBelowMedicareFraction}, {OutlierAboveMedicareFraction}] of Medicare must be a non-empty range above 0");
        if (BootstrapResamples < 100) throw new ArgumentOutOfRangeException(nameof(BootstrapResamples), BootstrapResamples, "must be at least 100 resamples");
        if (Confidence is <= 0.5 or >= 1) throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence, "must be in (0.5, 1)");
        if (AtMarketBand is < 0 or > 0.5) throw new ArgumentOutOfRangeException(nameof(AtMarketBand), AtMarketBand, "must be in [0, 0.5]");
    }
}

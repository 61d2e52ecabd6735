using DiligenceEngine.Analysis.Market;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;

namespace DiligenceEngine.Analysis.Visits;

/// <summary>Parameters of the visit-economics stage.</summary>
public sealed record VisitEconomicsOptions
{
    /// <summary>A line paid below contract × (1 − tolerance) is an underpayment.</summary>
    public double UnderpaymentTolerance { get; init; } = 0.02;

    public void Validate()
    {
        if (UnderpaymentTolerance is < 0 or > 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(UnderpaymentTolerance), UnderpaymentTolerance, "must be in [0, 0.5]");
        }
    }
}

/// <summary>A comparison that could not be made (a code or a visit rate), with the reason: reported, never shown as zero.</summary>
public sealed record MissingComparison(string ContractId, string Payor, string Market, string Subject, string Reason);

/// <summary>
/// The visit-economics stage: positions the target's contract rates in their market distributions, compares
/// MPPR-adjusted visit rates, re-prices the claims, detects underpayments and sizes the revenue at stake.
/// </summary>
public sealed class VisitEconomics
{
    private readonly InputSet inputs;
    private readonly MarketModel model;
    private readonly VisitEconomicsOptions options;
    private readonly BenchmarkResolver benchmarks;
    private readonly MarketVisitRates visitRates;
    private readonly Dictionary<string, IReadOnlyDictionary<CptCode, Money>> fees = [];
    private readonly Dictionary<(MarketId, string, CptCode, double), Money?> marketFees = [];
    private readonly Domain.Medicare.MedicareFeeSchedule schedule;
    private readonly CptCatalog catalog;

    public VisitEconomics(InputSet inputs, MarketModel model, CptCatalog catalog, VisitEconomicsOptions options)
    {
        options.Validate();
        this.inputs = inputs;
        this.model = model;
        this.options = options;
        this.catalog = catalog;
        benchmarks = new BenchmarkResolver(model, inputs.Market.Markets, inputs.Medicare);
        visitRates = new MarketVisitRates(model, benchmarks, inputs.Market.Markets, inputs.Medicare, catalog);
        schedule = inputs.Medicare.ForYear(model.MarketDataYear);
    }

    public VisitEconomicsResults Analyze()
    {
        var target = inputs.Target ?? throw new InvalidOperationException("Visit economics needs a target practice.");
        var locationMarkets = target.Locations.ToDictionary(l => l.Id, l => l.Market, StringComparer.OrdinalIgnoreCase);
        var byPayorMarket = target.Contracts.SelectMany(c => c.Markets.Select(m => (Key: (c.Payor.Name, m), Contract: c))).ToDictionary(x => x.Key, x => x.Contract);

        var missing = new List<MissingComparison>();
        var positions = new List<CodePosition>();
        foreach (var contract in target.Contracts)
        {
            foreach (var market in contract.Markets)
            {
                foreach (var (code, fee) in PositionedFees(contract, target))
                {
                    var position = Position(contract, market, code, fee);
                    if (position is null)
                    {
                        missing.Add(new MissingComparison(contract.Id, contract.Payor.Name, market.Value, code.Value, $"no {contract.Payor.Name} rates for {code} in any market"));
                    }
                    else
                    {
                        positions.Add(position);
                    }
                }
            }
        }

        var (repriced, unpriced) = target.Claims.Count == 0
            ? ([], [])
            : ClaimsRepricer.Reprice(target.Claims, locationMarkets, byPayorMarket, (c, code) => Fees(c).TryGetValue(code, out var f) ? f : null,
                (m, c, code, p) => MarketFee(m, c.Payor.Name, code, p), schedule, catalog);
        var repricing = target.Claims.Count == 0 ? null : Repricing(target.Claims, repriced, unpriced);
        var atStake = RevenueAtStake(positions, repriced, repricing?.AnnualizationFactor ?? 1.0, target);
        var byPayor = atStake.GroupBy(a => a.Payor).Select(g => Total(g.Key, g)).OrderByDescending(t => t.UpsideToP50).ToList();

        return new VisitEconomicsResults(
            positions,
            PayorSummaries(positions, missing, target),
            CodeRevenues(target),
            VisitRates(repriced, missing),
            atStake,
            byPayor,
            Total("All payors", atStake),
            repricing,
            missing)
        {
            RepricedVisits = repriced,
        };
    }

    private IReadOnlyDictionary<CptCode, Money> Fees(Contract contract)
    {
        if (!fees.TryGetValue(contract.Id, out var f))
        {
            fees[contract.Id] = f = ContractFees.Resolve(contract, inputs.Medicare, catalog);
        }

        return f;
    }

    /// <summary>
    /// The codes to position for a contract: every code of a fixed fee schedule; for a percent-of-Medicare contract,
    /// which pays every code, the codes the practice bills and the basket codes.
    /// </summary>
    private IEnumerable<KeyValuePair<CptCode, Money>> PositionedFees(Contract contract, TargetPractice target)
    {
        var all = Fees(contract).OrderBy(f => f.Key);
        if (contract.Rates is RateBasis.FixedFeeSchedule)
        {
            return all;
        }

        var relevant = target.Claims.Select(c => c.Code).Concat(target.Volumes.Select(v => v.Code))
            .Concat(inputs.Market.VisitBaskets.SelectMany(b => b.Entries.Select(e => e.Code))).ToHashSet();
        return all.Where(f => relevant.Contains(f.Key));
    }

    private RateType TypeFor(string payor, CptCode code) => model.PrimaryRateType(payor, code);

    private Money? MarketFee(MarketId market, string payor, CptCode code, double p)
    {
        if (!marketFees.TryGetValue((market, payor, code, p), out var fee))
        {
            marketFees[(market, payor, code, p)] = fee = benchmarks.For(market, payor, code, TypeFor(payor, code)) is { } b ? Money.Usd((decimal)b.Quantile(p)).RoundToCents() : null;
        }

        return fee;
    }

    private CodePosition? Position(Contract contract, MarketId market, CptCode code, Money fee)
    {
        var type = TypeFor(contract.Payor.Name, code);
        var benchmark = benchmarks.For(market, contract.Payor.Name, code, type);
        if (benchmark is null)
        {
            return null;
        }

        var rate = (double)fee.Amount;
        var interval = benchmark.PercentileIntervalOf(rate);
        var p50 = Cents(benchmark.Quantile(0.50));
        var p75 = Cents(benchmark.Quantile(0.75));
        var ratio = rate / benchmark.Quantile(0.50) - 1;
        var band = Math.Abs(ratio) <= model.Options.AtMarketBand ? "at market" : ratio < 0 ? "below market" : "above market";
        return new CodePosition(
            contract.Id, contract.Payor.Name, market.Value, code.Value, Name(type),
            fee.Amount, Cents(benchmark.MedicareDollars), rate / benchmark.MedicareDollars,
            benchmark.Basis.ToString(), benchmark.Note, benchmark.Practices, benchmark.Observations, benchmark.SmallSample, benchmark.ShrinkageWeight,
            benchmark.PercentileOf(rate), interval.Low, interval.High,
            Cents(benchmark.Quantile(0.10)), Cents(benchmark.Quantile(0.25)), p50, p75, Cents(benchmark.Quantile(0.90)),
            p50 - fee.Amount, (double)(p50 / fee.Amount) - 1, p75 - fee.Amount, (double)(p75 / fee.Amount) - 1, band);
    }

    private RepricingResults Repricing(IReadOnlyList<Domain.Volumes.ClaimLine> claims, IReadOnlyList<RepricedVisit> visits, IReadOnlyList<UnpricedVisits> unpriced)
    {
        var first = claims.Min(c => c.DateOfService);
        var last = claims.Max(c => c.DateOfService);
        var annualization = 365.0 / (last.DayNumber - first.DayNumber + 1);

        RepricingRow Row(string payor, IEnumerable<RepricedVisit> group)
        {
            var list = group.ToList();
            return new RepricingRow(payor, list.Count, list.Sum(v => v.Lines.Count), list.Sum(v => v.Lines.Sum(l => l.Paid.Amount)),
                list.Sum(v => v.UnderContract.Sum(l => l.Paid.Amount)), list.Sum(v => v.AtP50.Sum(l => l.Paid.Amount)), list.Sum(v => v.AtP75.Sum(l => l.Paid.Amount)));
        }

        var tolerance = (decimal)options.UnderpaymentTolerance;
        var underpayments = visits.GroupBy(v => v.Contract.Payor.Name).Select(g =>
        {
            var lines = g.SelectMany(v => v.Lines.Select((l, i) => (v.ClaimId, Actual: l.Paid.Amount, Expected: v.UnderContract[i].Paid.Amount))).ToList();
            var denied = lines.Where(l => l.Actual == 0m && l.Expected > 0m).ToList();
            var under = lines.Where(l => l.Actual > 0m && l.Actual < l.Expected * (1 - tolerance)).ToList();
            return new UnderpaymentRow(g.Key, under.Count, under.Select(l => l.ClaimId).Distinct().Count(), under.Sum(l => l.Expected - l.Actual),
                denied.Count, denied.Select(l => l.ClaimId).Distinct().Count(), denied.Sum(l => l.Expected));
        }).OrderByDescending(u => u.ShortfallDollars).ToList();

        return new RepricingResults(first, last, annualization, options.UnderpaymentTolerance,
            visits.GroupBy(v => v.Contract.Payor.Name).Select(g => Row(g.Key, g)).OrderByDescending(r => r.PaidDollars).ToList(),
            Row("All payors", visits), unpriced, underpayments);
    }

    private List<RevenueAtStakeLine> RevenueAtStake(List<CodePosition> positions, IReadOnlyList<RepricedVisit> visits, double annualization, TargetPractice target)
    {
        // Units and the effective MPPR factor per contract × market × code, from the re-priced claims, or from volumes.
        var usage = new Dictionary<(string Contract, string Market, string Code), (double Units, decimal Paid, decimal Full)>();
        foreach (var visit in visits)
        {
            foreach (var line in visit.UnderContract)
            {
                var key = (visit.Contract.Id, visit.Market.Value, line.Code.Value);
                var u = usage.GetValueOrDefault(key);
                usage[key] = (u.Units + line.Units, u.Paid + line.Paid.Amount, u.Full + line.FullAmount.Amount);
            }
        }

        foreach (var volume in target.Volumes)
        {
            var market = target.Locations.First(l => l.Id.Equals(volume.LocationId, StringComparison.OrdinalIgnoreCase)).Market;
            var contract = target.Contracts.FirstOrDefault(c => c.Payor == volume.Payor && c.Markets.Contains(market));
            if (contract is null || !Fees(contract).TryGetValue(volume.Code, out var fee))
            {
                continue;
            }

            var key = (contract.Id, market.Value, volume.Code.Value);
            var u = usage.GetValueOrDefault(key);
            // Without visit detail, units are paid at the fee; the MPPR effect needs claims (methodology: revenue at stake).
            usage[key] = (u.Units + (volume.UnitsPerYear / annualization), u.Paid + (fee.Amount * volume.UnitsPerYear), u.Full + (fee.Amount * volume.UnitsPerYear));
        }

        return positions
            .Where(p => usage.ContainsKey((p.ContractId, p.Market, p.Code)))
            .Select(p =>
            {
                var u = usage[(p.ContractId, p.Market, p.Code)];
                var units = u.Units * annualization;
                var factor = u.Full == 0 ? 0 : (double)(u.Paid / u.Full);
                var effectiveUnits = (decimal)(units * factor);
                return new RevenueAtStakeLine(p.ContractId, p.Payor, p.Market, p.Code, units, factor, p.TargetRate, p.MarketP50, p.MarketP75,
                    Math.Round(p.GapToP50 * effectiveUnits, 2, MidpointRounding.AwayFromZero), Math.Round(p.GapToP75 * effectiveUnits, 2, MidpointRounding.AwayFromZero));
            })
            .OrderByDescending(a => a.AtStakeToP50)
            .ToList();
    }

    private static RevenueAtStakeTotal Total(string payor, IEnumerable<RevenueAtStakeLine> lines)
    {
        var list = lines.ToList();
        return new RevenueAtStakeTotal(payor, list.Sum(l => l.AtStakeToP50), list.Sum(l => l.AtStakeToP75),
            list.Sum(l => Math.Max(0, l.AtStakeToP50)), list.Sum(l => Math.Max(0, l.AtStakeToP75)));
    }

    private List<VisitRateComparison> VisitRates(IReadOnlyList<RepricedVisit> repriced, List<MissingComparison> missing)
    {
        var target = inputs.Target!;
        var ownMix = repriced.GroupBy(v => (v.Contract.Id, v.Market.Value))
            .ToDictionary(g => g.Key, g => (Rate: Math.Round(g.Sum(v => v.UnderContract.Sum(l => l.Paid.Amount)) / g.Count(), 2, MidpointRounding.AwayFromZero), Visits: g.Count()));
        var comparisons = new List<VisitRateComparison>();
        foreach (var basket in inputs.Market.VisitBaskets.OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            var leadCode = basket.Entries.MaxBy(e => e.UnitsPerVisit).Code;
            foreach (var contract in target.Contracts)
            {
                var type = TypeFor(contract.Payor.Name, leadCode);
                foreach (var market in contract.Markets)
                {
                    var distribution = visitRates.For(basket, market, contract.Payor.Name, type, contract.Mppr);
                    var contractFees = Fees(contract);
                    var unpaid = basket.Entries.Where(e => !contractFees.ContainsKey(e.Code)).Select(e => e.Code.Value).ToList();
                    if (distribution is null || unpaid.Count > 0)
                    {
                        missing.Add(new MissingComparison(contract.Id, contract.Payor.Name, market.Value, $"{basket.Name} visit rate", distribution is null
                            ? $"no {contract.Payor.Name} practice rates anywhere to build a visit-rate distribution"
                            : $"the contract has no fee for basket code(s) {string.Join(", ", unpaid)}"));
                        continue;
                    }

                    var targetRate = BasketPricer.Price(basket, c => contractFees[c].Amount, schedule.RvusOf, catalog, contract.Mppr);
                    var b = distribution.Benchmark;
                    var interval = b.PercentileIntervalOf((double)targetRate);
                    var p50 = Cents(b.Quantile(0.5));
                    var own = ownMix.TryGetValue((contract.Id, market.Value), out var o) ? o : ((decimal Rate, int Visits)?)null;
                    comparisons.Add(new VisitRateComparison(
                        basket.Name, contract.Id, contract.Payor.Name, market.Value, contract.Mppr.ToString(),
                        targetRate, distribution.MedicareVisitRate, (double)(targetRate / distribution.MedicareVisitRate),
                        b.Basis.ToString(), b.Note, distribution.Practices, distribution.PracticesWithImputedCodes, distribution.ImputedCodes, distribution.PracticesExcluded, b.SmallSample,
                        b.PercentileOf((double)targetRate), interval.Low, interval.High,
                        Cents(b.Quantile(0.10)), Cents(b.Quantile(0.25)), p50, Cents(b.Quantile(0.75)), Cents(b.Quantile(0.90)),
                        own?.Rate, own?.Visits, targetRate - p50, own is { } x ? x.Rate - targetRate : null));
                }
            }
        }

        return comparisons;
    }

    private List<PayorPositionSummary> PayorSummaries(List<CodePosition> positions, List<MissingComparison> missing, TargetPractice target)
    {
        var paid = PaidByPayor(target);
        var total = paid.Values.Sum();
        return paid.Keys.Union(positions.Select(p => p.Payor))
            .Select(payor => (Payor: payor, Paid: paid.GetValueOrDefault(payor)))
            .OrderByDescending(x => x.Paid).ThenBy(x => x.Payor, StringComparer.Ordinal)
            .Select((x, i) =>
            {
                var mine = positions.Where(p => p.Payor == x.Payor).ToList();
                return new PayorPositionSummary(i + 1, x.Payor, x.Paid, total == 0 ? 0 : (double)(x.Paid / total),
                    mine.Count(p => p.Band == "below market"), mine.Count(p => p.Band == "at market"), mine.Count(p => p.Band == "above market"),
                    missing.Count(m => m.Payor == x.Payor && CptCode.Parse(m.Subject).Success));
            })
            .ToList();
    }

    private Dictionary<string, decimal> PaidByPayor(TargetPractice target) =>
        target.Claims.Count > 0
            ? target.Claims.GroupBy(c => c.Payor.Name).ToDictionary(g => g.Key, g => g.Sum(c => c.Paid.Amount))
            : target.Volumes.GroupBy(v => v.Payor.Name).ToDictionary(g => g.Key, g => g.Sum(v => VolumeDollars(target, v)));

    private List<CodeRevenue> CodeRevenues(TargetPractice target)
    {
        var rows = target.Claims.Count > 0
            ? target.Claims.GroupBy(c => c.Code).Select(g => (Code: g.Key, Units: g.Sum(c => c.Units), Paid: g.Sum(c => c.Paid.Amount))).ToList()
            : target.Volumes.GroupBy(v => v.Code).Select(g => (Code: g.Key, Units: g.Sum(v => v.UnitsPerYear), Paid: g.Sum(v => VolumeDollars(target, v)))).ToList();
        var total = rows.Sum(r => r.Paid);
        return rows.OrderByDescending(r => r.Paid).ThenBy(r => r.Code)
            .Select((r, i) => new CodeRevenue(i + 1, r.Code.Value, catalog[r.Code].PlainName, r.Units, r.Paid, total == 0 ? 0 : (double)(r.Paid / total)))
            .ToList();
    }

    /// <summary>Annual dollars of an aggregated volume row at its contract's fee (no MPPR without visit detail).</summary>
    private decimal VolumeDollars(TargetPractice target, Domain.Volumes.AggregatedVolume v)
    {
        var market = target.Locations.First(l => l.Id.Equals(v.LocationId, StringComparison.OrdinalIgnoreCase)).Market;
        var contract = target.Contracts.FirstOrDefault(c => c.Payor == v.Payor && c.Markets.Contains(market));
        return contract is not null && Fees(contract).TryGetValue(v.Code, out var fee) ? fee.Amount * v.UnitsPerYear : 0m;
    }

    private static decimal Cents(double dollars) => Math.Round((decimal)dollars, 2, MidpointRounding.AwayFromZero);

    private static string Name(RateType type) => type switch
    {
        RateType.Negotiated => "negotiated",
        RateType.FeeSchedule => "fee_schedule",
        _ => "percent_of_medicare",
    };
}

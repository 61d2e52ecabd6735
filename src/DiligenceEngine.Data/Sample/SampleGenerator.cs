using System.Globalization;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.Medicare;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace DiligenceEngine.Data.Sample;

/// <summary>Size and seed of a generated dataset.</summary>
/// <param name="Seed">Same seed, same files, byte for byte.</param>
/// <param name="PracticeScale">Multiplies the practices of every market (100 gives ~3M rate rows, for benchmarks).</param>
/// <param name="TargetVisits">Visits in the target's 12 months of claims; 0 writes no target practice.</param>
public sealed record SampleOptions(int Seed = 2025, double PracticeScale = 1.0, int TargetVisits = 20_000)
{
    /// <summary>First day of the target's 12 months of claims.</summary>
    public DateOnly ClaimsStart { get; init; } = new(2025, 10, 1);
}

/// <summary>What was written.</summary>
public sealed record SampleSummary(int Markets, int Payors, int Practices, int RateRows, int Negotiations, int Contracts, int Visits, int ClaimLines);

/// <summary>
/// Generates a synthetic but calibrated market dataset and target practice. Practice rates are the 2025 locality
/// Medicare rate times a payor multiple (0.97-1.45), a market × payor effect (sd 6%), a practice strength shared
/// across its payors (sd 8%: a practice that negotiated well is high on most codes), a practice × payor effect
/// (sd 5%) and a small code effect (sd 2.5%): about 30% between P10 and P90 for one code and payor in one market.
/// </summary>
public sealed class SampleGenerator(MedicareBaseline medicare, CptCatalog catalog)
{
    private const int RateYear = 2025;
    private const double MarketPayorSd = 0.06;
    private const double PracticeSd = 0.08;
    private const double PracticePayorSd = 0.05;
    private const double CodeSd = 0.025;

    public SampleSummary Generate(SampleOptions options, string outputFolder)
    {
        var rng = new MersenneTwister(options.Seed, threadSafe: false);
        var schedule = medicare.ForYear(RateYear);
        var marketFolder = Directory.CreateDirectory(Path.Combine(outputFolder, "market")).FullName;
        var effects = MarketPayorEffects(rng);

        WritePayors(marketFolder);
        WriteMarkets(marketFolder);
        var (practices, rateRows) = WriteRates(marketFolder, options, schedule, effects, rng);
        var negotiations = WriteNegotiations(marketFolder, rng);
        WriteVisitMix(marketFolder);

        var target = options.TargetVisits > 0
            ? new TargetWriter(schedule, catalog, effects, rng).Write(Directory.CreateDirectory(Path.Combine(outputFolder, "target")).FullName, options)
            : (Contracts: 0, Visits: 0, Lines: 0);
        return new SampleSummary(SampleCatalog.Markets.Length, SampleCatalog.Payors.Length, practices, rateRows, negotiations, target.Contracts, target.Visits, target.Lines);
    }

    internal static bool Operates(SamplePayor payor, SampleMarket market) => payor.States is null || payor.States.Contains(market.State);

    /// <summary>Draws the market × payor effect once, so the market data and the target's contracts agree on it.</summary>
    private static Dictionary<(string Market, string Payor), double> MarketPayorEffects(Random rng)
    {
        var effects = new Dictionary<(string, string), double>();
        foreach (var market in SampleCatalog.Markets)
        {
            foreach (var payor in SampleCatalog.Payors)
            {
                effects[(market.Id, payor.Name)] = Normal.Sample(rng, 0, MarketPayorSd);
            }
        }

        return effects;
    }

    private static void WritePayors(string folder)
    {
        using var csv = new CsvOut(Path.Combine(folder, "payors.csv"), "payor", "type", "aliases");
        foreach (var p in SampleCatalog.Payors)
        {
            csv.Row(p.Name, p.Type, p.Aliases);
        }

        csv.Complete();
    }

    private static void WriteMarkets(string folder)
    {
        using var csv = new CsvOut(Path.Combine(folder, "markets.csv"), "market_id", "name", "state", "cbsa", "medicare_locality");
        foreach (var m in SampleCatalog.Markets)
        {
            csv.Row(m.Id, m.Name, m.State, m.Cbsa, m.Locality);
        }

        csv.Complete();
    }

    private (int Practices, int Rows) WriteRates(string folder, SampleOptions options, MedicareFeeSchedule schedule, Dictionary<(string, string), double> effects, Random rng)
    {
        using var csv = new CsvOut(Path.Combine(folder, "rates.csv"), "market_id", "payor", "cpt", "rate", "rate_type", "practice_id", "year", "medicare_year", "source");
        var practiceCount = 0;
        var rows = 0;
        foreach (var market in SampleCatalog.Markets)
        {
            var locality = LocalityId.Of(market.Locality);
            var practices = Math.Max(1, (int)Math.Round(market.Practices * options.PracticeScale));
            for (var p = 0; p < practices; p++)
            {
                var practiceId = $"PR{++practiceCount:000000}";
                var strength = Normal.Sample(rng, 0, PracticeSd);
                foreach (var payor in SampleCatalog.Payors.Where(py => Operates(py, market)))
                {
                    if (rng.NextDouble() >= payor.Presence)
                    {
                        continue;
                    }

                    var isWorkersComp = payor.Type == "workers_comp";
                    var level = Math.Log(payor.MedicareMultiple) + effects[(market.Id, payor.Name)]
                        + (isWorkersComp ? Normal.Sample(rng, 0, 0.02) : strength + Normal.Sample(rng, 0, PracticePayorSd));
                    // About one commercial contract in fourteen is written as a percent of Medicare (domain.md §6).
                    var percentOfMedicare = payor.Type == "commercial" && rng.NextDouble() < 0.07
                        ? Math.Round((decimal)Math.Exp(level) * 100m, 0)
                        : (decimal?)null;
                    foreach (var (code, missing) in SampleCatalog.ContractCodes)
                    {
                        if (rng.NextDouble() < missing)
                        {
                            continue;
                        }

                        var medicareRate = schedule.Rate(CptCode.Of(code), locality).Amount;
                        var codeEffect = isWorkersComp ? 0 : Normal.Sample(rng, 0, CodeSd);
                        var outlier = rng.NextDouble() < 0.002 ? (rng.NextDouble() < 0.5 ? 6.0 : 0.2) : 1.0;
                        if (percentOfMedicare is { } pct)
                        {
                            csv.Row(market.Id, payor.Name, code, pct.ToString("0", CultureInfo.InvariantCulture) + "%", "percent_of_medicare", practiceId, RateYear, RateYear, "synthetic contract survey");
                        }
                        else
                        {
                            var rate = Math.Round(medicareRate * (decimal)(Math.Exp(level + codeEffect) * outlier), 2, MidpointRounding.AwayFromZero);
                            csv.Row(market.Id, payor.Name, code, rate, isWorkersComp ? "fee_schedule" : "negotiated", practiceId, RateYear, null, "synthetic TiC extract");
                        }

                        rows++;
                    }

                    // Market files carry codes outside the PT/OT catalog too; the loader counts and reports them.
                    if (rng.NextDouble() < 0.05)
                    {
                        csv.Row(market.Id, payor.Name, "97750", Math.Round(40m * (decimal)Math.Exp(level), 2), "negotiated", practiceId, RateYear, null, "synthetic TiC extract");
                        rows++;
                    }
                }
            }
        }

        csv.Complete();
        return (practiceCount, rows);
    }

    private static int WriteNegotiations(string folder, Random rng)
    {
        var strategies = new (string Name, double BaseSuccess, double MinAsk, double MaxAsk)[]
        {
            ("uniform_increase", 0.45, 0.04, 0.08),
            ("timed_code_carve_out", 0.55, 0.08, 0.14),
            ("evaluation_focus", 0.60, 0.10, 0.20),
            ("move_to_percentile", 0.35, 0.10, 0.25),
        };
        using var csv = new CsvOut(Path.Combine(folder, "negotiations.csv"), "payor", "market_id", "year", "strategy", "requested", "achieved", "outcome", "months_to_effective");
        var count = 0;
        foreach (var payor in SampleCatalog.Payors)
        {
            var markets = SampleCatalog.Markets.Where(m => Operates(payor, m)).ToArray();
            for (var i = 0; i < payor.Negotiations; i++)
            {
                var which = rng.Next(strategies.Length);
                var s = strategies[which];
                var market = markets[rng.Next(markets.Length)];
                var success = Math.Min(0.95, s.BaseSuccess * payor.NegotiationSkill * payor.StrategyAffinity[which]);
                var requested = Math.Round(s.MinAsk + (rng.NextDouble() * (s.MaxAsk - s.MinAsk)), 3);
                var draw = rng.NextDouble();
                var (outcome, achieved) = draw < success
                    ? ("success", requested)
                    : draw < success + ((1 - success) * 0.5)
                        ? ("partial", Math.Round(requested * (0.3 + (rng.NextDouble() * 0.5)), 3))
                        : ("failed", 0.0);
                var months = 2 + Poisson.Sample(rng, 3.5);
                csv.Row(payor.Name, market.Id, 2019 + rng.Next(7), s.Name, Pct(requested), Pct(achieved), outcome, Math.Min(months, 36));
                count++;
            }
        }

        csv.Complete();
        return count;
    }

    private static void WriteVisitMix(string folder)
    {
        using var csv = new CsvOut(Path.Combine(folder, "visit-mix.csv"), "basket", "cpt", "units_per_visit", "source");
        const string source = "synthetic: AAOS 3.5 procedures/visit, evaluation 1 in 11 visits";
        foreach (var (basket, code, units) in new (string, string, decimal)[]
        {
            ("PT", "97161", 0.030m), ("PT", "97162", 0.045m), ("PT", "97163", 0.016m), ("PT", "97164", 0.025m),
            ("PT", "97110", 1.200m), ("PT", "97140", 0.740m), ("PT", "97530", 0.680m), ("PT", "97112", 0.440m),
            ("PT", "97116", 0.130m), ("PT", "97535", 0.100m),
            ("OT", "97165", 0.030m), ("OT", "97166", 0.045m), ("OT", "97167", 0.016m), ("OT", "97168", 0.025m),
            ("OT", "97530", 1.200m), ("OT", "97110", 0.800m), ("OT", "97535", 0.600m), ("OT", "97112", 0.400m),
            ("OT", "97140", 0.330m),
        })
        {
            csv.Row(basket, code, units, source);
        }

        csv.Complete();
    }

    private static string Pct(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>The target practice: a multi-state PT/OT group with a dozen contracts in different renewal states.</summary>
    private sealed class TargetWriter(MedicareFeeSchedule schedule, CptCatalog catalog, Dictionary<(string, string), double> effects, Random rng)
    {
        private static readonly (string Id, string Name, string Market, double Weight)[] Locations =
        [
            ("DET-01", "Dearborn", "MI-DETROIT", 0.18), ("DET-02", "Troy", "MI-DETROIT", 0.14), ("DET-03", "Livonia", "MI-DETROIT", 0.12),
            ("GRR-01", "Grand Rapids", "MI-GRAND-RAPIDS", 0.10), ("CMH-01", "Dublin", "OH-COLUMBUS", 0.14),
            ("CMH-02", "Westerville", "OH-COLUMBUS", 0.10), ("IND-01", "Carmel", "IN-INDIANAPOLIS", 0.12), ("CHI-01", "Oak Park", "IL-CHICAGO", 0.10),
        ];

        /// <summary>
        /// Contracts, each with the percentile its rates sit at in the market (z score), its renewal mechanics and
        /// its share of the payor mix at the clinics it covers.
        /// </summary>
        private static readonly TargetContract[] Contracts =
        [
            new("GLRP-UHC-MI", "UnitedHealthcare", "MI-DETROIT|MI-GRAND-RAPIDS", "2022-04-01", "2027-03-31", true, 12, 90, 0m, -0.9, null, "cms", "50%", false, null, "assignable", 0.22),
            new("GLRP-UHC-MW", "UHC", "OH-COLUMBUS|IN-INDIANAPOLIS|IL-CHICAGO", "2021-07-01", "2027-06-30", true, 12, 120, 0.015m, -0.3, null, "cms", "50%", false, null, "assignable", 0.20),
            new("GLRP-AETNA", "Aetna", "MI-DETROIT|MI-GRAND-RAPIDS|OH-COLUMBUS|IN-INDIANAPOLIS|IL-CHICAGO", "2018-01-01", "2026-12-31", true, 12, 90, 0m, 0.2, null, "cms", "50%", false, null, "assignable", 0.15),
            new("GLRP-BCBSM", "BCBSM", "MI-DETROIT|MI-GRAND-RAPIDS", "2020-01-01", "2027-12-31", true, 24, 180, 0.02m, -1.2, null, "cms", "50%", false, null, "consent_required", 0.30),
            new("GLRP-ANTHEM-OH", "Anthem", "OH-COLUMBUS", "2023-01-01", "2027-12-31", true, 12, 90, 0m, 0, "104%", "none", null, null, null, "assignable", 0.28),
            new("GLRP-ANTHEM-IN", "Anthem Blue Cross Blue Shield", "IN-INDIANAPOLIS", "2024-05-01", "2027-04-30", true, 12, 60, 0m, 0.5, null, "none", null, null, null, "assignable", 0.28),
            new("GLRP-CIGNA", "Cigna", "MI-DETROIT|MI-GRAND-RAPIDS|OH-COLUMBUS|IN-INDIANAPOLIS|IL-CHICAGO", "2025-10-01", "2027-09-30", false, 0, 90, 0m, 0.8, null, "none", null, null, 4, "assignable", 0.08),
            new("GLRP-BCBSIL", "BCBSIL", "IL-CHICAGO", "2019-09-01", "2027-08-31", true, 12, 90, 0m, -0.6, null, "flat", "80%", true, null, "terminates", 0.30),
            new("GLRP-HUMANA-MA", "Humana MA", "MI-DETROIT|MI-GRAND-RAPIDS|OH-COLUMBUS|IN-INDIANAPOLIS", "2021-01-01", "2026-12-31", true, 12, 90, 0m, 0, null, "cms", "50%", false, null, "consent_required", 0.10),
            new("GLRP-UHC-MA", "UHC MA", "MI-DETROIT|MI-GRAND-RAPIDS", "2022-01-01", "2027-12-31", true, 12, 90, 0m, 0, "100%", "cms", "50%", false, null, "consent_required", 0.10),
            new("GLRP-AETNA-MA", "Aetna MA", "OH-COLUMBUS|IN-INDIANAPOLIS", "2023-07-01", "2027-06-30", true, 12, 60, 0m, -0.2, null, "cms", "50%", false, null, "consent_required", 0.06),
            new("GLRP-WC-MI", "Workers Comp", "MI-DETROIT", "2020-01-01", "2027-12-31", true, 12, 30, 0m, 0, null, "none", null, null, null, "assignable", 0.05),
        ];

        private readonly Dictionary<string, SamplePayor> payorsByAnyName = SampleCatalog.Payors
            .SelectMany(p => p.Aliases.Split('|').Prepend(p.Name).Select(n => (n, p))).ToDictionary(x => x.n, x => x.p);

        public (int Contracts, int Visits, int Lines) Write(string folder, SampleOptions options)
        {
            using (var csv = new CsvOut(Path.Combine(folder, "locations.csv"), "location_id", "name", "market_id"))
            {
                foreach (var l in Locations)
                {
                    csv.Row(l.Id, l.Name, l.Market);
                }

                csv.Complete();
            }

            var fees = WriteContracts(folder);
            var (visits, lines) = WriteClaims(folder, options, fees);
            return (Contracts.Length, visits, lines);
        }

        private Dictionary<string, Dictionary<CptCode, Money>> WriteContracts(string folder)
        {
            var fees = new Dictionary<string, Dictionary<CptCode, Money>>();
            using var contracts = new CsvOut(Path.Combine(folder, "contracts.csv"), "contract_id", "payor", "markets", "effective_date", "term_end", "auto_renew",
                "renewal_term_months", "notice_days", "escalator", "rate_basis", "medicare_percent", "medicare_year", "medicare_locality",
                "mppr", "mppr_percent", "mppr_evaluations_exempt", "daily_unit_cap", "change_of_ownership");
            using var schedules = new CsvOut(Path.Combine(folder, "fee-schedules.csv"), "contract_id", "cpt", "rate");
            foreach (var c in Contracts)
            {
                var firstMarket = SampleCatalog.Markets.First(m => m.Id == c.Markets.Split('|')[0]);
                var locality = LocalityId.Of(firstMarket.Locality);
                var payor = payorsByAnyName[c.Payor];
                var isPercent = c.MedicarePercent is not null;
                contracts.Row(c.Id, c.Payor, c.Markets, c.Effective, c.TermEnd, c.AutoRenew, c.AutoRenew ? c.RenewalMonths : null, c.NoticeDays,
                    Pct((double)c.Escalator), isPercent ? "percent_of_medicare" : "fee_schedule", c.MedicarePercent, isPercent ? RateYear : null,
                    isPercent ? locality.ToString() : null, c.Mppr, c.MpprPercent, c.EvaluationsExempt, c.DailyCap, c.Ownership);

                var multiple = isPercent
                    ? decimal.Parse(c.MedicarePercent!.TrimEnd('%'), CultureInfo.InvariantCulture) / 100m
                    : (decimal)Math.Exp(Math.Log(payor.MedicareMultiple) + effects[(firstMarket.Id, payor.Name)] + (c.Z * TotalSd(payor)));
                var contractFees = new Dictionary<CptCode, Money>();
                foreach (var info in catalog.All.Where(i => schedule.HasCode(i.Code) && i.Code.Value != "97014" && i.Code.Value != "G0283" && i.Code.Value != "97150"))
                {
                    var medicareRate = schedule.Rate(info.Code, locality);
                    contractFees[info.Code] = (medicareRate * multiple).RoundToCents();
                    if (!isPercent)
                    {
                        schedules.Row(c.Id, info.Code.Value, contractFees[info.Code].Amount);
                    }
                }

                fees[c.Id] = contractFees;
            }

            contracts.Complete();
            schedules.Complete();
            return fees;
        }

        private static double TotalSd(SamplePayor payor) =>
            payor.Type == "workers_comp" ? 0.02 : Math.Sqrt((PracticeSd * PracticeSd) + (PracticePayorSd * PracticePayorSd));

        private (int Visits, int Lines) WriteClaims(string folder, SampleOptions options, Dictionary<string, Dictionary<CptCode, Money>> fees)
        {
            using var csv = new CsvOut(Path.Combine(folder, "claims.csv"), "claim_id", "date_of_service", "location_id", "payor", "cpt", "units", "billed", "paid");
            var days = BusinessDays(options.ClaimsStart, options.ClaimsStart.AddYears(1).AddDays(-1));
            var dayWeights = days.Select(d => SampleCatalog.MonthWeights[d.Month - 1]).ToArray();
            var lines = 0;
            for (var v = 0; v < options.TargetVisits; v++)
            {
                var location = Pick(Locations, l => l.Weight);
                var contract = Pick(Contracts.Where(c => c.Markets.Split('|').Contains(location.Market)).ToArray(), c => c.MixShare);
                var date = days[PickIndex(dayWeights)];
                var policy = contract.Policy();
                var visitLines = VisitContent(rng.NextDouble() < 0.8)
                    .Select(x => new VisitLine(x.Code, x.Units, fees[contract.Id][x.Code], schedule.RvusOf(x.Code), catalog[x.Code].IsEvaluation))
                    .ToList();
                var priced = MpprCalculator.Price(visitLines, policy);
                // A few visits are underpaid (most by two payors) and a few lines denied, for the underpayment detector to find.
                var underpaid = rng.NextDouble() < (contract.Payor is "Humana MA" or "Aetna" ? 0.06 : 0.01);
                var claimId = $"C{v + 1:0000000}";
                foreach (var line in priced)
                {
                    var denied = rng.NextDouble() < 0.01;
                    var paid = denied ? Money.Zero : underpaid ? (line.Paid * 0.85m).RoundToCents() : line.Paid;
                    var billed = (ChargeMaster(line.Code) * line.Units).RoundToCents();
                    csv.Row(claimId, date, location.Id, contract.Payor, line.Code.Value, line.Units, billed.Amount, paid.Amount);
                    lines++;
                }
            }

            csv.Complete();
            return (options.TargetVisits, lines);
        }

        /// <summary>A visit's codes: one evaluation in eleven visits, a re-evaluation in forty, else 2-5 timed units.</summary>
        private List<(CptCode Code, int Units)> VisitContent(bool physicalTherapy)
        {
            var codes = new List<string>();
            var draw = rng.NextDouble();
            int treatmentUnits;
            if (draw < 1.0 / 11)
            {
                codes.Add(physicalTherapy ? Pick(["97161", "97162", "97163"], [0.35, 0.5, 0.15]) : Pick(["97165", "97166", "97167"], [0.35, 0.5, 0.15]));
                treatmentUnits = 2;
            }
            else if (draw < (1.0 / 11) + (1.0 / 40))
            {
                codes.Add(physicalTherapy ? "97164" : "97168");
                treatmentUnits = 2;
            }
            else
            {
                treatmentUnits = Pick(SampleCatalog.TreatmentUnits, u => u.Weight).Units;
            }

            var mix = physicalTherapy ? SampleCatalog.PtTreatment : SampleCatalog.OtTreatment;
            for (var u = 0; u < treatmentUnits; u++)
            {
                codes.Add(Pick(mix, m => m.Weight).Code);
            }

            return codes.GroupBy(c => c).Select(g => (CptCode.Of(g.Key), g.Count())).ToList();
        }

        /// <summary>The practice's charge master: 2.6 × the 2025 national Medicare amount, in whole dollars.</summary>
        private Money ChargeMaster(CptCode code) => Money.Usd(Math.Round(schedule.NationalRate(code).Amount * 2.6m, 0));

        private T Pick<T>(IReadOnlyList<T> items, Func<T, double> weight) => items[PickIndex(items.Select(weight).ToArray())];

        private string Pick(string[] items, double[] weights) => items[PickIndex(weights)];

        private int PickIndex(double[] weights)
        {
            var x = rng.NextDouble() * weights.Sum();
            for (var i = 0; i < weights.Length; i++)
            {
                x -= weights[i];
                if (x < 0)
                {
                    return i;
                }
            }

            return weights.Length - 1;
        }

        private static DateOnly[] BusinessDays(DateOnly from, DateOnly to) =>
            Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays)
                .Where(d => d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday).ToArray();
    }

    private sealed record TargetContract(
        string Id, string Payor, string Markets, string Effective, string TermEnd, bool AutoRenew, int RenewalMonths, int NoticeDays,
        decimal Escalator, double Z, string? MedicarePercent, string Mppr, string? MpprPercent, bool? EvaluationsExempt, int? DailyCap,
        string Ownership, double MixShare)
    {
        public MpprPolicy Policy()
        {
            var percent = MpprPercent is null ? Percent.Zero : Percent.FromPoints(decimal.Parse(MpprPercent.TrimEnd('%'), CultureInfo.InvariantCulture));
            return Mppr switch
            {
                "cms" => MpprPolicy.CmsPracticeExpense(percent, EvaluationsExempt ?? false, DailyCap),
                "flat" => MpprPolicy.FlatSecondary(percent, EvaluationsExempt ?? false, DailyCap),
                _ => MpprPolicy.None(DailyCap),
            };
        }
    }
}

using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Analysis.Visits;

/// <summary>
/// A contract's fee per code in dollars. A fixed fee schedule is used as written; a percent-of-Medicare contract is
/// priced at percent × the Medicare amount of its named year and locality, rounded to cents per code.
/// </summary>
public static class ContractFees
{
    public static IReadOnlyDictionary<CptCode, Money> Resolve(Contract contract, MedicareBaseline medicare, CptCatalog catalog) =>
        contract.Rates switch
        {
            RateBasis.FixedFeeSchedule fixedFees => fixedFees.Fees,
            RateBasis.PercentOfMedicare p => catalog.All
                .Where(c => medicare.ForYear(p.MedicareYear).HasCode(c.Code))
                .ToDictionary(c => c.Code, c => p.Percent.Of(medicare.ForYear(p.MedicareYear).Rate(c.Code, p.Locality)).RoundToCents()),
            _ => throw new InvalidOperationException($"Contract {contract.Id} has an unknown rate basis."),
        };
}

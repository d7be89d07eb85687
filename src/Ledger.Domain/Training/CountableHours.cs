using Ledger.Domain.Policies;

namespace Ledger.Domain.Training;

public sealed record HoursTally(decimal Classroom, decimal Practical, decimal OnlineRecorded, decimal OnlineEffective, decimal OnlineCounted, decimal Countable);

/// <summary>
/// Online hours count in full (QF-ONL-02, only the face-verified share) or up to a share of the required
/// hours (JZ-ONL-01, TZ-ONL-02, HLJ-ONL-02). Each session is judged by the rule in force on its own date.
/// </summary>
public static class CountableHours
{
    public static HoursTally Tally(IEnumerable<TrainingAttended> attendance, decimal requiredHours, Func<TrainingAttended, (OnlineHoursRule Rule, bool FaceRequired)> ruleFor)
    {
        decimal classroom = 0, practical = 0, onlineRecorded = 0, onlineEffective = 0, fullOnline = 0, proportionalOnline = 0;
        decimal? cap = null;
        foreach (var a in attendance)
        {
            switch (a.Mode)
            {
                case SessionMode.Classroom: classroom += a.Hours; break;
                case SessionMode.Practical: practical += a.Hours; break;
                default:
                    onlineRecorded += a.Hours;
                    var (rule, faceRequired) = ruleFor(a);
                    var effective = Effective(a, faceRequired);
                    onlineEffective += effective;
                    if (rule.Counting == OnlineHoursCounting.Full) fullOnline += effective;
                    else
                    {
                        proportionalOnline += effective;
                        var share = rule.MaxShare ?? 0m;
                        cap = cap is null ? share * requiredHours : Math.Min(cap.Value, share * requiredHours);
                    }
                    break;
            }
        }
        var online = fullOnline + Math.Min(proportionalOnline, cap ?? 0m);
        return new HoursTally(classroom, practical, onlineRecorded, onlineEffective, online, classroom + practical + online);
    }

    /// <summary>[I] Where face checks are required, only the verified share of an online session is effective (有效学时).</summary>
    public static decimal Effective(TrainingAttended a, bool faceRequired)
    {
        if (!faceRequired) return a.Hours;
        if (a.Face is not { Checks: > 0 } face) return 0m;
        return Math.Round(a.Hours * Math.Min(face.Passed, face.Checks) / face.Checks, 2);
    }
}

using Ledger.Domain.Assessments;

namespace Ledger.Domain.Catalogue;

/// <summary>Names the console's write forms offer that no read page showed before.</summary>
public static class FormNames
{
    public static DisplayName Practical(PracticalMode mode) => mode switch
    {
        PracticalMode.RealEquipment => new("实际设备操作", "On real equipment"),
        PracticalMode.Simulation => new("仿真模拟操作", "Simulation"),
        PracticalMode.OnPost => new("岗位现场操作", "At the post"),
        PracticalMode.QuestionAndAnswer => new("问答代替实操", "Questions instead of practice"),
        _ => new("实操方式", "Practical mode"),
    };
}

using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CareTeams.Web.Localization;

/// <summary>MudBlazor's own texts (pager, filters, data grid menus) in Chinese when the UI is Chinese.</summary>
internal sealed class ChineseMudLocalizer : MudLocalizer
{
    private static readonly Dictionary<string, string> Chinese = new()
    {
        ["MudDataGrid_AddFilter"] = "添加筛选",
        ["MudDataGrid_Apply"] = "应用",
        ["MudDataGrid_Cancel"] = "取消",
        ["MudDataGrid_Clear"] = "清除",
        ["MudDataGrid_ClearFilter"] = "清除筛选",
        ["MudDataGrid_CollapseAllGroups"] = "全部折叠",
        ["MudDataGrid_Column"] = "列",
        ["MudDataGrid_Columns"] = "列",
        ["MudDataGrid_Contains"] = "包含",
        ["MudDataGrid_EndsWith"] = "结尾是",
        ["MudDataGrid_Equals"] = "等于",
        ["MudDataGrid_ExpandAllGroups"] = "全部展开",
        ["MudDataGrid_Filter"] = "筛选",
        ["MudDataGrid_FilterValue"] = "筛选值",
        ["MudDataGrid_Group"] = "分组",
        ["MudDataGrid_Hide"] = "隐藏",
        ["MudDataGrid_HideAll"] = "全部隐藏",
        ["MudDataGrid_Is"] = "是",
        ["MudDataGrid_IsEmpty"] = "为空",
        ["MudDataGrid_IsNotEmpty"] = "不为空",
        ["MudDataGrid_NotContains"] = "不包含",
        ["MudDataGrid_NotEquals"] = "不等于",
        ["MudDataGrid_Operator"] = "条件",
        ["MudDataGrid_RefreshData"] = "刷新",
        ["MudDataGrid_RemoveFilter"] = "移除筛选",
        ["MudDataGrid_Save"] = "保存",
        ["MudDataGrid_ShowAll"] = "全部显示",
        ["MudDataGrid_ShowColumnOptions"] = "列选项",
        ["MudDataGrid_Sort"] = "排序",
        ["MudDataGrid_StartsWith"] = "开头是",
        ["MudDataGrid_True"] = "是",
        ["MudDataGrid_False"] = "否",
        ["MudDataGrid_Ungroup"] = "取消分组",
        ["MudDataGrid_Unsort"] = "取消排序",
        ["MudDataGridPager_InfoFormat"] = "第 {0}–{1} 条，共 {2} 条",
        ["MudDataGridPager_RowsPerPage"] = "每页行数：",
        ["MudDataGridPager_FirstPage"] = "首页",
        ["MudDataGridPager_LastPage"] = "末页",
        ["MudDataGridPager_NextPage"] = "下一页",
        ["MudDataGridPager_PreviousPage"] = "上一页",
        ["MudTablePager_InfoFormat"] = "第 {0}–{1} 条，共 {2} 条",
        ["MudTablePager_RowsPerPage"] = "每页行数：",
        ["MudDialog_Close"] = "关闭",
        ["MudAlert_Close"] = "关闭",
        ["MudSnackbar_Close"] = "关闭",
        ["MudInput_Clear"] = "清除",
        ["MudDatePicker_Clear"] = "清除",
        ["MudDatePicker_Cancel"] = "取消",
        ["MudDatePicker_Ok"] = "确定",
    };

    public override LocalizedString this[string key]
    {
        get
        {
            if (Text.IsChinese && Chinese.TryGetValue(key, out var value))
                return new LocalizedString(key, value);
            return new LocalizedString(key, key, resourceNotFound: true);
        }
    }
}

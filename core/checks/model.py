"""What a check reports: rules, findings, where they are and how to fix them."""
from __future__ import annotations

from dataclasses import dataclass

ERROR, SUGGESTION = "error", "suggestion"
SEVERITY_LABELS = {ERROR: "错误", SUGGESTION: "建议"}

# Sources named in the messages, so a clerk can show a reviewer where a rule comes from.
GBT9704 = "GB/T 9704-2012《党政机关公文格式》"
GBT15834 = "GB/T 15834-2011《标点符号用法》"
GBT15835 = "GB/T 15835-2011《出版物上数字用法》"
FIGURES = "报告“数据”页（同一指标在正文与数据表中应一致）"
PLANS = "所引文件的正式名称，如《法治政府建设实施纲要（2021—2025年）》（中发〔2021〕33号）"
DUCHA = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）年度报告内容"
CHINESE_LAYOUT = "中文排版惯例：汉字之间不加空格（参见 W3C《中文排版需求》）"
WRITING = "公文写作惯例"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    name: str  # short Chinese name shown in lists
    source: str


RULES: dict[str, Rule] = {rule.id: rule for rule in (
    Rule("contents-missing", ERROR, "缺少规定内容", DUCHA),
    Rule("contents-empty", ERROR, "规定内容为空", DUCHA),
    Rule("other-empty", SUGGESTION, "“其他需要报告的情况”为空", DUCHA),
    Rule("causes-missing", SUGGESTION, "未分析原因", DUCHA),
    Rule("chapter-year", ERROR, "标题年度不符", DUCHA),
    Rule("chapter-year-missing", SUGGESTION, "标题未写年度", DUCHA),
    Rule("docnum-brackets", ERROR, "发文字号括号", f"{GBT9704} 7.2.5"),
    Rule("docnum-di", ERROR, "发文字号含“第”", f"{GBT9704} 7.2.5"),
    Rule("docnum-zeros", ERROR, "发文字号虚位", f"{GBT9704} 7.2.5"),
    Rule("docnum-ending", ERROR, "发文字号结尾", f"{GBT9704} 7.2.5"),
    Rule("date-order", ERROR, "印发日期早于成文日期", f"{GBT9704} 7.4.3"),
    Rule("date-missing", ERROR, "未填成文日期", f"{GBT9704} 7.3.5"),
    Rule("organ-missing", ERROR, "未填发文机关", f"{GBT9704} 7.2.4、7.3.5"),
    Rule("printing-incomplete", ERROR, "印发机关与印发日期不全", f"{GBT9704} 7.4.3"),
    Rule("signer-missing", SUGGESTION, "上行文未标签发人", f"{GBT9704} 7.2.6"),
    Rule("recipients-colon", ERROR, "主送机关标点", f"{GBT9704} 7.3.2"),
    Rule("cc-full-stop", ERROR, "抄送机关标点", f"{GBT9704} 7.4.2"),
    Rule("halfwidth-punct", ERROR, "半角标点", GBT15834),
    Rule("straight-quotes", ERROR, "直引号", GBT15834),
    Rule("stray-space", ERROR, "数字与单位间空格", GBT15835),
    Rule("chinese-space", ERROR, "汉字间空格", CHINESE_LAYOUT),
    Rule("year-range-dash", SUGGESTION, "年份起止连接号", GBT15834),
    Rule("repeated-punct", ERROR, "标点重复", GBT15834),
    Rule("heading-full-stop", SUGGESTION, "单独成行的标题带句号", f"{WRITING}：单独成行的标题末尾不加句号"),
    Rule("typed-number", ERROR, "手工输入的序号", f"{GBT9704} 7.3.3"),
    Rule("date-zero-padding", ERROR, "日期数字虚位", f"{GBT9704} 7.3.5.4、{GBT15835}"),
    Rule("date-chinese-numerals", SUGGESTION, "日期用汉字数字", f"{GBT9704} 7.3.5.4、{GBT15835}"),
    Rule("long-paragraph", SUGGESTION, "段落过长", f"{WRITING}：一段一层意思"),
    Rule("empty-chapter", SUGGESTION, "部分为空", WRITING),
    Rule("paragraph-unfinished", SUGGESTION, "段落没有结束标点", GBT15834),
    Rule("invisible-chars", ERROR, "看不见的字符", f"{GBT9704} 7.3.3（正文为连续文字）"),
    Rule("not-gb2312", SUGGESTION, "字库外的字", "GB 2312-1980（仿宋_GB2312、楷体_GB2312 字库范围）"),
    Rule("font-missing", SUGGESTION, "缺少字体", f"{GBT9704} 7.1（公文用字）"),
    Rule("figure-mismatch", ERROR, "数字与数据页不符", FIGURES),
    Rule("rate-over-100", ERROR, "比率超过100%", FIGURES),
    Rule("part-year", SUGGESTION, "年份与所在部分不符", DUCHA),
    Rule("plan-period", ERROR, "所引规划期限有误", PLANS),
)}


@dataclass(frozen=True)
class Location:
    """A span inside one paragraph (Block.plain, without the generated number) or a chapter title."""
    chapter_index: int
    chapter_id: int | None
    block_index: int | None  # None: the chapter's title
    start: int
    end: int


@dataclass(frozen=True)
class Target:
    """A piece of text in a report: a metadata field, a chapter title or a paragraph (Block.plain)."""
    field: str | None = None
    chapter_index: int | None = None
    block_index: int | None = None  # None with a chapter_index: that chapter's title


@dataclass(frozen=True)
class Fix:
    """Replace text[start:end] of the target by `replacement`; `level` also moves the paragraph there.

    `text` is the target's whole text when it was checked: once the text has changed the fix
    no longer applies, which makes applying a fix twice the same as applying it once.
    """
    target: Target
    text: str
    start: int
    end: int
    replacement: str
    level: int | None = None


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    location: Location | None = None  # None: a report metadata field, or the whole report
    field: str | None = None  # the report field (Report attribute name) when location is None
    fix: Fix | None = None
    excerpt: str = ""  # the text around the span, for lists

    @property
    def severity(self) -> str:
        return RULES[self.rule].severity

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def message(rule_id: str, detail: str) -> str:
    """The detail followed by the rule's source, e.g. "…应为全角“，”。（依据：GB/T 15834-2011…）"."""
    return f"{detail}（依据：{RULES[rule_id].source}）"

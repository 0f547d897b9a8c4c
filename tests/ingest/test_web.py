"""One test per web-furniture rule, on lines written here; running text is kept."""

from ingest.web import (
    strip_breadcrumbs,
    strip_forum_furniture,
    strip_nav_bars,
    strip_print_close,
    strip_qr_prompts,
    strip_share_links,
    strip_site_footer,
    strip_voice_broadcast,
)

BODY = "区政府召开常务会议，研究部署打印机采购和关闭老旧窗口服务等工作。"


def test_strip_nav_bars() -> None:
    text = "\n".join(
        [
            "中国政府网 | 重庆市人民政府 | 万州区人民政府",
            "首页 | 政务公开 | 政务服务 | 互动交流",
            "政务公开 政务服务 互动交流 走进万州",
            BODY,
            "项目 | 数量 | 单位",  # a table header over rows of its width is kept
            "公园 | 3 | 区城市管理局",
        ]
    )
    assert strip_nav_bars(text).split("\n") == [
        BODY,
        "项目 | 数量 | 单位",
        "公园 | 3 | 区城市管理局",
    ]


def test_strip_nav_bars_one_item_per_line() -> None:
    text = "首页\n\n政务公开\n\n政务服务\n\n" + BODY + "\n\n政策解读\n\n" + BODY
    assert strip_nav_bars(text).split() == [BODY, "政策解读", BODY]  # a word alone stays


def test_strip_breadcrumbs() -> None:
    text = (
        "当前位置：首页>政务公开>通知公告\n您现在的位置：首页 > 新闻中心\n首页 » 政策文件\n"
        "您当前所在位置: 主页 > 政策文件\n" + BODY
    )
    assert strip_breadcrumbs(text) == BODY
    assert strip_breadcrumbs("当前位置在城区东部。") == "当前位置在城区东部。"  # no 首页/> chain


def test_strip_voice_broadcast() -> None:
    text = "语音播报\n日期：2025-01-13 来源：区政府办 【字体：大 中 小】 语音播报\n" + BODY
    assert strip_voice_broadcast(text) == "日期：2025-01-13 来源：区政府办\n" + BODY
    # the tool saved with a size on each line goes whole
    broken = "发布机构：青禾县人民政府办公室\n【字体：\n大\n中\n小\n】\n" + BODY
    assert strip_voice_broadcast(broken) == "发布机构：青禾县人民政府办公室\n" + BODY
    assert strip_voice_broadcast("字号：\n大\n中\n小\n" + BODY) == BODY
    kept = "规模分为：\n大\n中\n小"
    assert strip_voice_broadcast(kept) == kept


def test_strip_qr_prompts() -> None:
    text = "扫一扫在手机打开当前页\n" + BODY + "\n手机扫一扫"
    assert strip_qr_prompts(text) == BODY
    assert strip_qr_prompts(BODY + "\n扫一扫打开当前页") == BODY  # no 打开当前页 left


def test_strip_print_close() -> None:
    text = "打印本页 关闭窗口\n【打印】【关闭】\n返回顶部\n" + BODY
    assert strip_print_close(text) == BODY  # the sentence naming 打印 and 关闭 stays


def test_strip_share_links() -> None:
    text = "分享到：微信 微博 QQ空间\n分享：\n" + BODY + "\n转发到：朋友圈、微博"
    assert strip_share_links(text) == BODY
    assert strip_share_links("分享到微信后可以查看。") == "分享到微信后可以查看。"


def test_strip_site_footer() -> None:
    text = "\n".join(
        [
            BODY,
            "主办单位：万州区人民政府办公室",
            "版权所有：重庆市万州区人民政府 渝ICP备05003300号",
            "网站标识码：5001010001 渝公网安备50010102000001号",
            "联系电话：023-58888888",
            "Copyright © 2025 All Rights Reserved",
        ]
    )
    assert strip_site_footer(text) == BODY
    notice = "主办单位：区文化旅游委\n活动时间：5月1日"  # no footer next to it: kept
    assert strip_site_footer(notice) == notice


def test_a_date_bar_naming_the_site_is_not_a_menu() -> None:
    """``某某网 2023-11-15 12:14:17 来源：本网`` has two site names, as a menu does, but
    its date makes it the page's date bar: it stays for the date to be read."""
    bar = "青禾县政府门户网站  2023-11-15 12:14:17  来源：本网"
    assert strip_nav_bars(f"{bar}\n首页 | 政务公开 | 政务服务") == bar


def test_a_newspapers_e_paper_tools_are_deleted() -> None:
    page = "\n".join(
        [
            "通版阅读请点击：",
            "展开通版",
            "收缩通版",
            "当前版：04版",
            "发布日期：2024年01月23日 上一版 下一版",
            "上一篇 下一篇",
            "字体：",
            "放大 缩小 默认",
            "朗读：",
            "某市居民收入增长7%",
            "文章字数：277",
            "本报讯 正文。",
        ]
    )
    assert strip_voice_broadcast(page) == (
        "发布日期：2024年01月23日\n某市居民收入增长7%\n本报讯 正文。"
    )


def test_a_forums_tools_and_posters_card_are_deleted() -> None:
    page = "\n".join(
        [
            "设为首页收藏本站",
            "查看: 701|回复: 0",
            "[四川] 2024年某县政府工作报告",
            "[复制链接]",
            "  • TA的每日心情",
            "    开心",
            "    昨天 22:21",
            "  • 签到天数: 847 天",
            "    [LV.10]以坛为家III",
            "    2万",
            "    主题",
            "    17万",
            "    积分",
            "    172459",
            "    发表于 2024-7-10 18:13:51 | 显示全部楼层 |阅读模式",
            "    2024年某县政府工作报告",
            "各位代表：",
        ]
    )
    assert strip_forum_furniture(page) == (
        "[四川] 2024年某县政府工作报告\n    2024年某县政府工作报告\n各位代表："
    )
    # a card with no post line after it is left alone
    assert strip_forum_furniture("TA的每日心情\n开心\n正文。") == "TA的每日心情\n开心\n正文。"


def test_a_font_tool_cut_short_is_deleted() -> None:
    assert strip_voice_broadcast("来源：本网【字体：\n正文。") == "来源：本网\n正文。"

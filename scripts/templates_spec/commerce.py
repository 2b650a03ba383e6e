"""Retail cases: the 10-step e-commerce map, the fresh-grocery case, a SaaS trial sign-up."""

from __future__ import annotations

from dataclasses import replace

from .builder import Card, Lane, Stage, Step, Template, Text
from .lanes import ACTIONS, FEELINGS, OPPORTUNITIES, PAIN_POINTS, QUOTES, THOUGHTS, TOUCHPOINTS


def owned(text: Text, owner: Text, priority: int = 3) -> Card:
    return Card(text, {"owner": owner, "priority": priority})


# -- the 10-step e-commerce map -----------------------------------------------------------

COMPETITORS = Lane(
    "competitors",
    "custom",
    "Competitor comparison",
    "What a competitor does at this step, better or worse (step 9 of the method).",
)
IDEAS = Lane(
    "ideas",
    "ideas",
    "New ideas",
    "Ideas for the future state, each answering a pain point or an improvement area.",
)

# The method's steps: 1 profile (persona), 2 stages, 3 goals (stage goals), 4 touchpoints,
# 5 moments of truth, 6 drop-off points (pain points + drop-off metrics), 7 feedback
# (voice of the customer), 8 improvement areas (opportunities), 9 competitor comparison,
# 10 new ideas (the future-state map).
ECOMMERCE_STAGES = [
    Stage(
        "discovery",
        "Discovery",
        "Find a gift that suits my sister",
        "The shopper first hears of the shop and its products.",
        [
            Step(
                "discovery_friend",
                "Hear about the shop from a friend",
                1,
                {
                    "actions": "I ask a friend where she got her scarf",
                    "touchpoints": "word of mouth",
                    "thoughts": "If she likes it, it must be good",
                    "competitors": "Marketplace X is the default everyone names",
                },
                kind="touchpoint",
                moment_of_truth=True,
                label="curious",
            ),
            Step(
                "discovery_social",
                "See the shop's post on social media",
                1,
                {
                    "actions": "I tap an Instagram post and land on the product",
                    "touchpoints": "social, inbound marketing",
                    "quotes": "“The photos made me want to touch the fabric.”",
                },
                kind="touchpoint",
                label="interested",
            ),
            Step(
                "discovery_ad",
                "Get a retargeting email",
                -1,
                {
                    "actions": "I open a discount email the next day",
                    "touchpoints": "email, outbound marketing",
                    "pain_points": "Three emails in two days feel pushy",
                    "opportunities": owned("Cap follow-ups at one a week", "CRM team"),
                    "ideas": "Let me choose how often I hear from the shop",
                },
                kind="touchpoint",
                label="annoyed",
            ),
        ],
    ),
    Stage(
        "consideration",
        "Consideration",
        "Be sure it is the right gift",
        "The shopper compares products, sizes and delivery dates.",
        [
            Step(
                "consideration_browse",
                "Browse the site on my phone",
                0,
                {
                    "actions": "I filter by colour and price",
                    "touchpoints": "site and app",
                    "thoughts": "Will it arrive before her birthday?",
                    "competitors": "Marketplace X shows the delivery date on every product",
                },
                label="unsure",
            ),
            Step(
                "consideration_question",
                "Ask about the material in chat",
                1,
                {
                    "actions": "I ask whether the scarf is real silk",
                    "touchpoints": "support, chat",
                    "quotes": "“They answered in two minutes, with a photo.”",
                },
                kind="touchpoint",
                moment_of_truth=True,
                label="reassured",
            ),
        ],
    ),
    Stage(
        "purchase",
        "Purchase",
        "Pay quickly and safely",
        "The shopper checks out and pays.",
        [
            Step(
                "purchase_checkout",
                "Check out",
                -2,
                {
                    "actions": "I type my address twice because the form resets",
                    "touchpoints": "site and app",
                    "pain_points": Card("The checkout form loses my address", {"severity": 3}),
                    "opportunities": owned("Keep form data when I go back", "Web team", 5),
                    "ideas": "One-page checkout with saved addresses",
                    "competitors": "Marketplace X has one-tap checkout",
                },
                kind="decision",
                moment_of_truth=True,
                label="frustrated",
                quote="I nearly gave up and bought it on the marketplace.",
            ),
            Step(
                "purchase_confirm",
                "Receive the order confirmation",
                1,
                {
                    "actions": "I read the confirmation email",
                    "touchpoints": "email",
                    "thoughts": "Good, it says Friday",
                },
                label="relieved",
            ),
        ],
    ),
    Stage(
        "experience",
        "Delivery and experience",
        "Give the gift on time, looking good",
        "The order arrives, is unpacked and given.",
        [
            Step(
                "experience_delivery",
                "Track and receive the parcel",
                -1,
                {
                    "actions": "I check the tracking page twice a day",
                    "touchpoints": "packaging and delivery",
                    "pain_points": "Tracking stays on 'label created' for two days",
                    "opportunities": owned(
                        "Send a message when the parcel really moves", "Logistics"
                    ),
                    "ideas": "A delivery-day promise shown before payment",
                },
                kind="wait",
                label="anxious",
            ),
            Step(
                "experience_unbox",
                "Unbox the gift",
                2,
                {
                    "actions": "I unwrap the box with my sister",
                    "touchpoints": "packaging and delivery",
                    "quotes": "“The box was so pretty she kept it.”",
                },
                moment_of_truth=True,
                label="delighted",
            ),
        ],
    ),
    Stage(
        "loyalty",
        "Loyalty",
        "Come back when I need another gift",
        "The shopper reviews, returns or buys again.",
        [
            Step(
                "loyalty_review",
                "Write a review",
                1,
                {
                    "actions": "I give five stars and add a photo",
                    "touchpoints": "site and app, email",
                    "thoughts": "I would buy here again",
                },
                kind="touchpoint",
                moment_of_truth=True,
                label="satisfied",
            ),
            Step(
                "loyalty_return",
                "Buy again for Mother's Day",
                0,
                {
                    "actions": "I look for my past order to buy the same again",
                    "touchpoints": "site and app",
                    "pain_points": "Past orders are hidden three menus deep",
                    "opportunities": owned("'Buy again' on the home screen", "Product owner"),
                    "ideas": "Gift reminders for the dates I choose",
                },
                label="neutral",
            ),
        ],
    ),
]

ECOMMERCE_METRICS: list[tuple[str, Text, str, str, float]] = [
    ("discovery_ad", "Email click-through", "RATE", "%", 2.1),
    ("purchase_checkout", "Checkout drop-off", "RATE", "%", 38.0),
    ("experience_delivery", "Where-is-my-order tickets", "COUNT", "per week", 120.0),
]


def _variant(drop_lanes: tuple[str, ...], to_be: dict[str, float] | None = None) -> list[Stage]:
    """The e-commerce stages without the cards of ``drop_lanes``; with ``to_be`` scores
    (default: as-is) when given."""
    return [
        replace(
            stage,
            steps=[
                replace(
                    step,
                    cards={k: v for k, v in step.cards.items() if k not in drop_lanes},
                    to_be=None if to_be is None else to_be.get(step.step_id, step.score),
                )
                for step in stage.steps
            ],
        )
        for stage in ECOMMERCE_STAGES
    ]


SHOPPER = (
    "Farah, gift shopper",
    "31, buys gifts online a few times a year, mostly on her phone.",
    "occasional gift buyers",
)

ECOMMERCE_CURRENT = Template(
    name="ecommerce_current",
    languages=("en",),
    title="E-commerce gift purchase (current state, 10-step method)",
    summary=(
        "An online shop's map built by the 10-step method: profile, stages, goals, "
        "touchpoints, moments of truth, drop-off points, feedback, improvement areas and a "
        "competitor comparison; its new ideas are the future-state map."
    ),
    scenario="Farah buys a silk scarf online for her sister's birthday next week.",
    expectations="A gift that looks special, arrives on time, bought in a few minutes.",
    persona=SHOPPER,
    lanes=[ACTIONS, THOUGHTS, TOUCHPOINTS, PAIN_POINTS, QUOTES, OPPORTUNITIES, COMPETITORS],
    stages=_variant(drop_lanes=("ideas",)),
    metrics=ECOMMERCE_METRICS,
)

FUTURE_SCORES = {
    "discovery_ad": 1,
    "consideration_browse": 1,
    "purchase_checkout": 1,
    "experience_delivery": 1,
    "loyalty_return": 2,
}

ECOMMERCE_FUTURE = Template(
    name="ecommerce_future",
    languages=("en",),
    title="E-commerce gift purchase (future state)",
    summary=(
        "Step 10 of the method: the same journey with the new ideas in place, the intended "
        "(to-be) curve drawn over the current (as-is) one."
    ),
    scenario=ECOMMERCE_CURRENT.scenario,
    expectations=ECOMMERCE_CURRENT.expectations,
    persona=SHOPPER,
    lanes=[ACTIONS, THOUGHTS, TOUCHPOINTS, PAIN_POINTS, OPPORTUNITIES, IDEAS],
    map_type="future_state",
    stages=_variant(drop_lanes=("quotes", "competitors"), to_be=FUTURE_SCORES),
)

# -- the fresh-grocery retail case (Chinese source) ------------------------------------------


def Z(zh: str, en: str) -> Text:
    return {"zh": zh, "en": en}


MOMENTS = Lane(
    "moments",
    "custom",
    Z("关键时刻", "Moments of truth"),
    Z(
        "顾客在这里决定留下还是离开：写下让他们做决定的那件事。",
        "Where the customer decides to stay or leave: write down what makes them decide.",
    ),
)

GROCERY_LANES = [
    Lane("actions", "actions", Z("顾客行为", "Customer actions"), ACTIONS.description),
    THOUGHTS,
    TOUCHPOINTS,
    MOMENTS,
    PAIN_POINTS,
    OPPORTUNITIES,
]


def grocery_step(
    step_id: str,
    name: Text,
    score: float,
    action: Text,
    thought: Text,
    touchpoint: Text,
    *,
    moment: Text | None = None,
    pain: Text | None = None,
    opportunity: tuple[Text, Text] | None = None,
    label: Text | None = None,
) -> Step:
    cards: dict[str, Text | Card] = {
        "actions": action,
        "thoughts": thought,
        "touchpoints": touchpoint,
    }
    if moment is not None:
        cards["moments"] = moment
    if pain is not None:
        cards["pain_points"] = pain
    if opportunity is not None:
        cards["opportunities"] = owned(opportunity[0], opportunity[1], 4)
    return Step(step_id, name, score, cards, moment_of_truth=moment is not None, label=label)


FRESH_GROCERY = Template(
    name="fresh_grocery",
    languages=("zh", "en"),
    title=Z("生鲜超市购物旅程", "Fresh-grocery shopping journey"),
    summary=Z(
        "生鲜零售案例：认知 · 到达 · 准备 · 购买 · 体验 · 物流 · 售后 七个阶段，"
        "含情绪曲线、关键时刻与机会点。",
        "A fresh-grocery retail case in seven stages — awareness, arrival, preparation, "
        "purchase, experience, logistics, after-sales — with its emotion curve, moments of "
        "truth and opportunity points.",
    ),
    scenario=Z(
        "王女士周末为家人采购一周的新鲜蔬果和肉类，到店选购后由门店配送到家。",
        "Ms Wang buys a week of fresh produce and meat for her family at the weekend, "
        "shops in the store and has it delivered home.",
    ),
    expectations=Z(
        "新鲜、价格透明、不排长队，送到家时东西完好。",
        "Fresh food, clear prices, no long queues, and everything intact when it arrives.",
    ),
    persona=(
        Z("王女士，家庭采购者", "Ms Wang, family shopper"),
        Z("38岁，双职工家庭，每周集中采购一次。", "38, both parents work, shops once a week."),
        Z("家庭用户", "families"),
    ),
    lanes=GROCERY_LANES,
    stages=[
        Stage(
            "awareness",
            Z("认知", "Awareness"),
            Z("知道哪里能买到新鲜又实惠的菜", "Know where fresh, fair-priced food is"),
            Z(
                "顾客通过各种渠道了解门店和促销。",
                "The shopper learns of the store and its offers.",
            ),
            [
                grocery_step(
                    "awareness_1",
                    Z("看到社区团购群的促销", "Sees a promotion in the neighbourhood group chat"),
                    1,
                    Z("我在微信群里看到本周特价", "I see this week's specials in the WeChat group"),
                    Z("排骨这么便宜，是不是不新鲜？", "Pork ribs this cheap — are they fresh?"),
                    Z("微信社群", "WeChat group"),
                    moment=Z("促销是否可信", "Whether the promotion is believable"),
                    label=Z("好奇", "curious"),
                ),
            ],
        ),
        Stage(
            "arrival",
            Z("到达", "Arrival"),
            Z("顺利到店、方便停车", "Get to the store and park easily"),
            Z("顾客前往门店。", "The shopper travels to the store."),
            [
                grocery_step(
                    "arrival_1",
                    Z("开车到店找车位", "Drives to the store and looks for parking"),
                    -1,
                    Z("我在停车场转了两圈", "I circle the car park twice"),
                    Z("早知道就晚点来", "I should have come later"),
                    Z("停车场", "car park"),
                    moment=Z("能否顺利停车", "Whether parking is easy"),
                    pain=Z("周末停车位不足", "Too few parking spaces at the weekend"),
                    opportunity=(
                        Z("小程序显示实时空车位", "Show free spaces live in the mini-program"),
                        Z("门店运营", "Store operations"),
                    ),
                    label=Z("烦躁", "irritated"),
                ),
            ],
        ),
        Stage(
            "preparation",
            Z("准备", "Preparation"),
            Z("快速拿到购物车，清楚要买什么", "Get a trolley and know what to buy"),
            Z("顾客进店前后的准备。", "What the shopper does on entering the store."),
            [
                grocery_step(
                    "preparation_1",
                    Z("取购物车、打开购物清单", "Takes a trolley and opens the shopping list"),
                    0,
                    Z("我对照手机清单规划路线", "I plan my route from the list on my phone"),
                    Z("特价排骨在哪个区？", "Where are the discounted ribs?"),
                    Z("入口、门店导视", "entrance, store signs"),
                    moment=Z("能否快速找到目标商品", "Whether she finds what she came for quickly"),
                    label=Z("平静", "calm"),
                ),
            ],
        ),
        Stage(
            "purchase",
            Z("购买", "Purchase"),
            Z("挑到新鲜的菜，快速结账", "Pick fresh food and pay quickly"),
            Z("挑选商品并结账。", "Choosing the food and paying."),
            [
                grocery_step(
                    "purchase_1",
                    Z("挑选蔬果和肉类", "Chooses vegetables, fruit and meat"),
                    2,
                    Z(
                        "我看生产日期、闻一闻、摸一摸",
                        "I check the dates, smell and feel the produce",
                    ),
                    Z("今天的草莓真新鲜", "The strawberries are really fresh today"),
                    Z("生鲜区货架", "fresh-produce shelves"),
                    moment=Z("商品是否新鲜", "Whether the food is fresh"),
                    label=Z("满意", "pleased"),
                ),
                grocery_step(
                    "purchase_2",
                    Z("排队结账", "Queues at the checkout"),
                    -2,
                    Z("我排了15分钟的队", "I queue for 15 minutes"),
                    Z("为什么只开两个收银台？", "Why are only two tills open?"),
                    Z("收银台、自助收银机", "tills, self-checkout"),
                    moment=Z("等待是否可以接受", "Whether the wait is acceptable"),
                    pain=Z("高峰期收银台开放不足", "Too few tills open at peak hours"),
                    opportunity=(
                        Z(
                            "按客流动态加开收银台，推广扫码购",
                            "Open tills by footfall; promote scan-as-you-go",
                        ),
                        Z("门店店长", "Store manager"),
                    ),
                    label=Z("焦躁", "impatient"),
                ),
            ],
        ),
        Stage(
            "experience",
            Z("体验", "Experience"),
            Z("感觉被照顾、值得再来", "Feel looked after, want to come back"),
            Z("店内服务与整体感受。", "Service in the store and the overall feeling."),
            [
                grocery_step(
                    "experience_1",
                    Z("请店员帮忙处理海鲜", "Asks staff to clean the fish"),
                    1,
                    Z("我请店员帮我杀鱼", "I ask a clerk to gut the fish"),
                    Z("服务还挺热情", "The service is friendly"),
                    Z("海鲜加工台", "seafood counter"),
                    moment=Z("店员是否热情专业", "Whether staff are friendly and skilled"),
                    label=Z("被照顾", "cared for"),
                ),
            ],
        ),
        Stage(
            "logistics",
            Z("物流", "Logistics"),
            Z("按时收到完好的商品", "Receive everything intact and on time"),
            Z("门店配送到家。", "The store delivers the shopping home."),
            [
                grocery_step(
                    "logistics_1",
                    Z("等待送货上门", "Waits for home delivery"),
                    -1,
                    Z("我回家后等了两个小时", "I wait two hours at home"),
                    Z("冰淇淋会不会化了？", "Will the ice cream melt?"),
                    Z("配送员、短信通知", "courier, text message"),
                    moment=Z("是否准时、完好送达", "Whether it arrives on time and intact"),
                    pain=Z(
                        "没有配送时间提醒，冷冻品变软",
                        "No delivery-time alert; frozen food softened",
                    ),
                    opportunity=(
                        Z(
                            "冷链包装并推送预计到达时间",
                            "Cold-chain packing and an arrival-time alert",
                        ),
                        Z("物流团队", "Logistics team"),
                    ),
                    label=Z("担心", "worried"),
                ),
            ],
        ),
        Stage(
            "after_sales",
            Z("售后", "After-sales"),
            Z("有问题能快速解决", "Have problems put right quickly"),
            Z("退换货、评价与复购。", "Returns, reviews and buying again."),
            [
                grocery_step(
                    "after_sales_1",
                    Z("申请坏果退款", "Claims a refund for bruised fruit"),
                    1,
                    Z(
                        "我在小程序上传照片申请退款",
                        "I upload a photo in the mini-program for a refund",
                    ),
                    Z("退款很快，下次还来", "Quick refund — I'll come again"),
                    Z("小程序客服", "mini-program customer service"),
                    moment=Z("售后是否爽快", "Whether after-sales is hassle-free"),
                    label=Z("放心", "reassured"),
                ),
            ],
        ),
    ],
)

# -- a SaaS trial sign-up --------------------------------------------------------------------

SAAS_TRIAL = Template(
    name="saas_trial",
    languages=("en",),
    title="SaaS trial sign-up: a team scheduling tool",
    summary="From landing page to paid plan: a 14-day trial of a B2B scheduling tool.",
    scenario="Priya, an operations lead, tries a scheduling tool for her team of 12 nurses.",
    expectations="I want to see my own team's rota working before I ask for a budget.",
    persona=(
        "Priya, operations lead",
        "41, runs shift rotas for a clinic; not technical; decides with her manager.",
        "small healthcare teams",
    ),
    lanes=[ACTIONS, THOUGHTS, FEELINGS, TOUCHPOINTS, PAIN_POINTS, OPPORTUNITIES],
    stages=[
        Stage(
            "evaluate",
            "Evaluate",
            "Know if it fits my clinic",
            "Before the trial: is this tool worth trying?",
            [
                Step(
                    "evaluate_landing",
                    "Read the landing page",
                    0,
                    {
                        "actions": "I look for 'healthcare' and the price",
                        "thoughts": "Is it only for offices?",
                        "feelings": "doubtful",
                        "touchpoints": "website",
                    },
                    kind="touchpoint",
                    moment_of_truth=True,
                    label="doubtful",
                ),
            ],
        ),
        Stage(
            "sign_up",
            "Sign up",
            "Start without a sales call",
            "Creating the trial account.",
            [
                Step(
                    "sign_up_form",
                    "Fill in the sign-up form",
                    -1,
                    {
                        "actions": "I enter my work email and company size",
                        "thoughts": "Why do they need my phone number?",
                        "feelings": "wary",
                        "touchpoints": "sign-up form",
                        "pain_points": "Phone number is required before the trial",
                        "opportunities": owned("Make the phone number optional", "Growth team", 4),
                    },
                    moment_of_truth=True,
                    label="wary",
                ),
                Step(
                    "sign_up_verify",
                    "Verify my email",
                    -1,
                    {
                        "actions": "I wait for the verification email",
                        "thoughts": "It went to spam",
                        "feelings": "impatient",
                        "touchpoints": "email",
                        "pain_points": "The verification email lands in spam",
                        "opportunities": owned(
                            "Fix email authentication (SPF/DKIM)", "Platform team"
                        ),
                    },
                    kind="wait",
                    label="impatient",
                ),
            ],
        ),
        Stage(
            "onboard",
            "Onboard",
            "See my own rota in the tool",
            "First use in the trial: the aha moment or the drop-off.",
            [
                Step(
                    "onboard_import",
                    "Import the team's shifts",
                    -2,
                    {
                        "actions": "I upload last month's rota spreadsheet",
                        "thoughts": "It rejected my file with no reason",
                        "feelings": "frustrated",
                        "touchpoints": "web app",
                        "pain_points": Card("Import fails on merged cells", {"severity": 3}),
                        "opportunities": owned(
                            "Accept common rota layouts; say what failed", "Product team", 5
                        ),
                    },
                    moment_of_truth=True,
                    label="frustrated",
                    quote="I spent my lunch break on the import and gave up.",
                ),
                Step(
                    "onboard_first_rota",
                    "See the first rota",
                    2,
                    {
                        "actions": "I drag two shifts and the clash warning appears",
                        "thoughts": "This would save me hours",
                        "feelings": "excited",
                        "touchpoints": "web app",
                    },
                    label="excited",
                ),
            ],
        ),
        Stage(
            "convert",
            "Decide to buy",
            "Get my manager's yes",
            "The end of the trial: pay, extend or leave.",
            [
                Step(
                    "convert_pay",
                    "Choose a plan with my manager",
                    1,
                    {
                        "actions": "I send my manager the pricing page",
                        "thoughts": "Per-seat pricing is fair for a team of 12",
                        "feelings": "hopeful",
                        "touchpoints": "pricing page, email",
                    },
                    kind="decision",
                    moment_of_truth=True,
                    label="hopeful",
                ),
            ],
        ),
    ],
    metrics=[("onboard_import", "Trial drop-off at import", "RATE", "%", 44.0)],
)

TEMPLATES = [ECOMMERCE_CURRENT, ECOMMERCE_FUTURE, FRESH_GROCERY, SAAS_TRIAL]

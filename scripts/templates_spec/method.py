"""The method's own maps: the canonical map, the buyer's journey, the customer lifecycle."""

from __future__ import annotations

from .builder import Card, Stage, Step, Template, Text
from .lanes import STANDARD

LANGUAGES = ("en", "zh", "ms")


def T(en: str, zh: str, ms: str) -> Text:
    return {"en": en, "zh": zh, "ms": ms}


def owned(text: Text, owner: Text, priority: int = 3) -> Card:
    return Card(text, {"owner": owner, "priority": priority})


PERSONA = (
    T("Aisyah, first-time buyer", "艾莎，首次购买者", "Aisyah, pembeli kali pertama"),
    T(
        "28, works in Kuala Lumpur, shops on her phone, careful with money.",
        "28岁，在吉隆坡工作，用手机购物，花钱谨慎。",
        "28 tahun, bekerja di Kuala Lumpur, membeli-belah di telefon, berhati-hati berbelanja.",
    ),
    T("young professionals", "年轻上班族", "profesional muda"),
)

CANONICAL = Template(
    name="canonical",
    languages=LANGUAGES,
    title=T(
        "Canonical journey map: buying a first laptop",
        "标准旅程地图：购买第一台笔记本电脑",
        "Peta perjalanan kanonik: membeli komputer riba pertama",
    ),
    summary=T(
        "The method's canonical map: persona, scenario and expectations on top; phases; "
        "actions, thoughts and emotions; opportunities with owners at the bottom.",
        "方法中的标准地图：上方是用户画像、场景与期望；中间是阶段、行为、想法和情绪；"
        "下方是带负责人的机会点。",
        "Peta kanonik kaedah ini: persona, senario dan jangkaan di atas; fasa; tindakan, "
        "fikiran dan emosi; peluang dengan pemilik di bawah.",
    ),
    scenario=T(
        "Aisyah needs a laptop for her new job and has two weeks and RM3,000.",
        "艾莎的新工作需要一台笔记本电脑，她有两周时间和3000令吉预算。",
        "Aisyah perlukan komputer riba untuk kerja baharu; dia ada dua minggu dan RM3,000.",
    ),
    expectations=T(
        "I want a laptop that lasts, bought without pressure, working on day one.",
        "我想要一台耐用的电脑，买的时候没有压力，第一天就能用。",
        "Saya mahu komputer riba yang tahan lama, dibeli tanpa tekanan, boleh guna hari pertama.",
    ),
    persona=PERSONA,
    lanes=STANDARD,
    stages=[
        Stage(
            "discover",
            T("Discover", "发现", "Temui"),
            T("Know what I need", "弄清我需要什么", "Tahu apa yang saya perlukan"),
            T(
                "The customer realises the need and looks for options.",
                "顾客意识到需求并寻找选择。",
                "Pelanggan sedar akan keperluan dan mencari pilihan.",
            ),
            [
                Step(
                    "discover_ask",
                    T("Ask friends for advice", "向朋友请教", "Minta nasihat kawan"),
                    1,
                    {
                        "actions": T(
                            "I message two friends who work in IT",
                            "我给两位做IT的朋友发消息",
                            "Saya mesej dua kawan yang kerja IT",
                        ),
                        "thoughts": T(
                            "Which brand will not break?",
                            "哪个牌子不容易坏？",
                            "Jenama mana yang tidak cepat rosak?",
                        ),
                        "feelings": T("hopeful", "充满希望", "berharap"),
                        "touchpoints": T("word of mouth", "口碑", "dari mulut ke mulut"),
                    },
                    kind="touchpoint",
                    moment_of_truth=True,
                    label=T("hopeful", "充满希望", "berharap"),
                ),
                Step(
                    "discover_search",
                    T("Search and read reviews", "搜索并阅读评测", "Cari dan baca ulasan"),
                    -1,
                    {
                        "actions": T(
                            "I compare specs on three review sites",
                            "我在三个评测网站上比较配置",
                            "Saya bandingkan spesifikasi di tiga laman ulasan",
                        ),
                        "thoughts": T(
                            "Too many models, the names mean nothing to me",
                            "型号太多，名字对我毫无意义",
                            "Terlalu banyak model, namanya tidak bermakna bagi saya",
                        ),
                        "feelings": T("overwhelmed", "不知所措", "keliru"),
                        "touchpoints": T(
                            "review sites, search", "评测网站、搜索", "laman ulasan, carian"
                        ),
                        "pain_points": T(
                            "Specs are not explained in plain words",
                            "配置没有用通俗的话解释",
                            "Spesifikasi tidak diterangkan dengan mudah",
                        ),
                        "opportunities": owned(
                            T(
                                "A 'which laptop for which job' guide",
                                "“什么工作用什么电脑”指南",
                                "Panduan 'komputer riba mana untuk kerja apa'",
                            ),
                            T("Content team", "内容团队", "Pasukan kandungan"),
                            4,
                        ),
                    },
                    label=T("overwhelmed", "不知所措", "keliru"),
                    quote=T(
                        "I had ten tabs open and still could not tell them apart.",
                        "我开了十个标签页，还是分不清它们的区别。",
                        "Saya buka sepuluh tab dan masih tidak dapat membezakannya.",
                    ),
                ),
            ],
        ),
        Stage(
            "decide",
            T("Decide", "决定", "Putuskan"),
            T("Choose with confidence", "有信心地做出选择", "Memilih dengan yakin"),
            T(
                "The customer narrows the options and chooses where to buy.",
                "顾客缩小选择范围并决定在哪里购买。",
                "Pelanggan mengecilkan pilihan dan memilih tempat membeli.",
            ),
            [
                Step(
                    "decide_store",
                    T(
                        "Try two laptops in a store",
                        "在门店试用两台电脑",
                        "Cuba dua komputer riba di kedai",
                    ),
                    2,
                    {
                        "actions": T(
                            "I type on both keyboards and lift them",
                            "我在两台电脑上打字，掂量重量",
                            "Saya menaip pada kedua-dua papan kekunci dan mengangkatnya",
                        ),
                        "thoughts": T(
                            "This one feels right", "这台感觉对了", "Yang ini terasa sesuai"
                        ),
                        "feelings": T("confident", "有信心", "yakin"),
                        "touchpoints": T("store", "门店", "kedai"),
                    },
                    moment_of_truth=True,
                    label=T("confident", "有信心", "yakin"),
                ),
                Step(
                    "decide_price",
                    T("Compare prices online", "在网上比价", "Bandingkan harga dalam talian"),
                    -1,
                    {
                        "actions": T(
                            "I check whether the store price is fair",
                            "我查一下门店价格是否公道",
                            "Saya semak sama ada harga kedai berpatutan",
                        ),
                        "thoughts": T(
                            "Am I paying more than I should?",
                            "我是不是多花钱了？",
                            "Adakah saya membayar lebih daripada sepatutnya?",
                        ),
                        "feelings": T("suspicious", "怀疑", "curiga"),
                        "touchpoints": T(
                            "price comparison site", "比价网站", "laman perbandingan harga"
                        ),
                        "pain_points": T(
                            "Store and online prices differ with no reason given",
                            "门店和网上价格不同，却没有说明原因",
                            "Harga kedai dan dalam talian berbeza tanpa sebab",
                        ),
                        "opportunities": owned(
                            T(
                                "Match the online price in store",
                                "门店与网上同价",
                                "Padankan harga dalam talian di kedai",
                            ),
                            T("Pricing manager", "定价经理", "Pengurus harga"),
                            5,
                        ),
                    },
                    label=T("suspicious", "怀疑", "curiga"),
                ),
            ],
        ),
        Stage(
            "buy",
            T("Buy", "购买", "Beli"),
            T("Pay and take it home", "付款并带回家", "Bayar dan bawa pulang"),
            T(
                "The customer pays and receives the laptop.",
                "顾客付款并拿到电脑。",
                "Pelanggan membayar dan menerima komputer riba.",
            ),
            [
                Step(
                    "buy_pay",
                    T("Pay at the counter", "在柜台付款", "Bayar di kaunter"),
                    -2,
                    {
                        "actions": T(
                            "I pay in instalments with my card",
                            "我用信用卡分期付款",
                            "Saya bayar ansuran dengan kad saya",
                        ),
                        "thoughts": T(
                            "Why do I need to sign three forms?",
                            "为什么要签三张表？",
                            "Kenapa saya perlu tandatangan tiga borang?",
                        ),
                        "feelings": T("anxious", "焦虑", "cemas"),
                        "touchpoints": T(
                            "counter, card terminal", "柜台、刷卡机", "kaunter, terminal kad"
                        ),
                        "pain_points": Card(
                            T(
                                "Instalment paperwork takes 25 minutes",
                                "分期手续要25分钟",
                                "Kertas kerja ansuran mengambil 25 minit",
                            ),
                            {"severity": 3},
                        ),
                        "opportunities": owned(
                            T(
                                "Instalments approved online before the visit",
                                "到店前在线审批分期",
                                "Ansuran diluluskan dalam talian sebelum datang",
                            ),
                            T("Finance partner team", "金融合作团队", "Pasukan rakan kewangan"),
                            5,
                        ),
                    },
                    kind="decision",
                    moment_of_truth=True,
                    label=T("anxious", "焦虑", "cemas"),
                    quote=T(
                        "I almost walked out while they photocopied my IC.",
                        "他们复印我的身份证时，我差点走掉。",
                        "Saya hampir keluar semasa mereka memfotostat IC saya.",
                    ),
                ),
                Step(
                    "buy_setup",
                    T("Set it up at home", "在家完成设置", "Sediakan di rumah"),
                    1,
                    {
                        "actions": T(
                            "I follow the setup screens and sign in",
                            "我按设置向导操作并登录",
                            "Saya ikut skrin persediaan dan log masuk",
                        ),
                        "thoughts": T("It works, finally", "终于能用了", "Akhirnya ia berfungsi"),
                        "feelings": T("relieved", "松了口气", "lega"),
                        "touchpoints": T(
                            "the laptop itself", "电脑本身", "komputer riba itu sendiri"
                        ),
                    },
                    label=T("relieved", "松了口气", "lega"),
                ),
            ],
        ),
        Stage(
            "use",
            T("Use", "使用", "Guna"),
            T("Get my work done", "把工作做好", "Menyiapkan kerja saya"),
            T(
                "The customer lives with the product and decides whether to recommend it.",
                "顾客使用产品，并决定是否推荐。",
                "Pelanggan menggunakan produk dan memutuskan sama ada mahu mengesyorkannya.",
            ),
            [
                Step(
                    "use_support",
                    T(
                        "Ask support about the battery",
                        "咨询电池问题",
                        "Tanya sokongan tentang bateri",
                    ),
                    -1,
                    {
                        "actions": T(
                            "I open a chat because the battery drains fast",
                            "电池掉电快，我打开在线客服",
                            "Saya buka sembang kerana bateri cepat habis",
                        ),
                        "thoughts": T(
                            "Is this normal or is it broken?",
                            "这正常吗，还是坏了？",
                            "Adakah ini normal atau rosak?",
                        ),
                        "feelings": T("worried", "担心", "risau"),
                        "touchpoints": T("support chat", "在线客服", "sembang sokongan"),
                        "pain_points": T(
                            "The chat bot sends me to a PDF manual",
                            "聊天机器人只给我一份PDF说明书",
                            "Bot sembang menghantar saya ke manual PDF",
                        ),
                        "opportunities": owned(
                            T(
                                "A person answers battery questions within a day",
                                "电池问题一天内由真人回复",
                                "Manusia menjawab soalan bateri dalam sehari",
                            ),
                            T("Support lead", "客服主管", "Ketua sokongan"),
                        ),
                    },
                    kind="touchpoint",
                    moment_of_truth=True,
                    label=T("worried", "担心", "risau"),
                ),
                Step(
                    "use_recommend",
                    T("Recommend it to a colleague", "推荐给同事", "Syorkan kepada rakan sekerja"),
                    2,
                    {
                        "actions": T(
                            "I tell a colleague where to buy it",
                            "我告诉同事在哪里买",
                            "Saya beritahu rakan sekerja di mana hendak membelinya",
                        ),
                        "thoughts": T("Worth the money", "物有所值", "Berbaloi"),
                        "feelings": T("proud", "自豪", "bangga"),
                        "touchpoints": T("word of mouth", "口碑", "dari mulut ke mulut"),
                    },
                    label=T("proud", "自豪", "bangga"),
                ),
            ],
        ),
    ],
)


def _two_steps(
    stage_id: str,
    first: tuple[Text, Text, Text, Text, float],
    second: tuple[Text, Text, Text, Text, float],
    pain: tuple[Text, Text, Text] | None,
    first_kind: str = "touchpoint",
) -> list[Step]:
    """Two steps of a stage: (name, action, thought, touchpoint, score) each; the pain
    point (text, opportunity, owner) sits on the second step, the moment of truth on the
    first."""
    steps = []
    for number, (name, action, thought, touchpoint, score) in enumerate((first, second), 1):
        cards: dict[str, Text | Card] = {
            "actions": action,
            "thoughts": thought,
            "touchpoints": touchpoint,
        }
        if number == 2 and pain is not None:
            cards["pain_points"] = pain[0]
            cards["opportunities"] = owned(pain[1], pain[2])
        steps.append(
            Step(
                f"{stage_id}_{number}",
                name,
                score,
                cards,
                kind=first_kind if number == 1 else "action",
                moment_of_truth=number == 1,
            )
        )
    return steps


FEELING_WORDS = {
    2: T("delighted", "欣喜", "gembira"),
    1: T("interested", "感兴趣", "berminat"),
    0: T("neutral", "平静", "biasa"),
    -1: T("unsure", "犹豫", "ragu-ragu"),
    -2: T("frustrated", "沮丧", "kecewa"),
}


def _with_feelings(stages: list[Stage]) -> list[Stage]:
    for stage in stages:
        for step in stage.steps:
            step.cards["feelings"] = FEELING_WORDS[int(step.score)]
            step.label = FEELING_WORDS[int(step.score)]
    return stages


AWARENESS = Stage(
    "awareness",
    T("Awareness", "认知", "Kesedaran"),
    T("Understand my problem", "弄清我的问题", "Memahami masalah saya"),
    T(
        "The buyer notices a problem or need and starts to name it.",
        "买家注意到一个问题或需求，并开始说清它。",
        "Pembeli menyedari masalah atau keperluan dan mula menamakannya.",
    ),
    _two_steps(
        "awareness",
        (
            T("Notice the problem", "注意到问题", "Sedar akan masalah"),
            T(
                "I miss a payment because my bank app is confusing",
                "银行应用太乱，我错过了一笔还款",
                "Saya terlepas bayaran kerana aplikasi bank mengelirukan",
            ),
            T(
                "There must be a better way to track bills",
                "一定有更好的记账方法",
                "Mesti ada cara lebih baik menjejak bil",
            ),
            T("bank app notification", "银行应用通知", "notifikasi aplikasi bank"),
            -1,
        ),
        (
            T("Search for a budgeting app", "搜索记账应用", "Cari aplikasi bajet"),
            T(
                "I search 'bill reminder app'",
                "我搜索“账单提醒应用”",
                "Saya cari 'aplikasi peringatan bil'",
            ),
            T(
                "Which of these can I trust with my data?",
                "这些应用里哪个能放心交给我的数据？",
                "Yang mana boleh saya percaya dengan data saya?",
            ),
            T("search engine, app store", "搜索引擎、应用商店", "enjin carian, gedung aplikasi"),
            0,
        ),
        (
            T(
                "Search results are full of ads",
                "搜索结果全是广告",
                "Hasil carian penuh dengan iklan",
            ),
            T(
                "Publish a plain comparison guide",
                "发布一份直白的对比指南",
                "Terbitkan panduan perbandingan yang jelas",
            ),
            T("Marketing", "市场部", "Pemasaran"),
        ),
    ),
)

CONSIDERATION = Stage(
    "consideration",
    T("Consideration", "考虑", "Pertimbangan"),
    T("Find the options that fit me", "找到适合我的选择", "Mencari pilihan yang sesuai"),
    T(
        "The buyer compares approaches and products against their criteria.",
        "买家按自己的标准比较各种方案和产品。",
        "Pembeli membandingkan pendekatan dan produk mengikut kriteria mereka.",
    ),
    _two_steps(
        "consideration",
        (
            T("Compare three apps", "比较三款应用", "Bandingkan tiga aplikasi"),
            T(
                "I read reviews and feature lists side by side",
                "我把评价和功能列表并排对比",
                "Saya baca ulasan dan senarai ciri bersebelahan",
            ),
            T(
                "I only need reminders, not investing",
                "我只需要提醒，不需要理财",
                "Saya hanya perlukan peringatan, bukan pelaburan",
            ),
            T("review site, app store", "评测网站、应用商店", "laman ulasan, gedung aplikasi"),
            1,
        ),
        (
            T("Check the price", "查看价格", "Semak harga"),
            T(
                "I look for the price of the paid plan",
                "我寻找付费版的价格",
                "Saya cari harga pelan berbayar",
            ),
            T("Why is the price hidden?", "为什么价格藏起来了？", "Kenapa harga disembunyikan?"),
            T("website", "官网", "laman web"),
            -2,
        ),
        (
            T(
                "Price is only shown after sign-up",
                "注册后才显示价格",
                "Harga hanya ditunjukkan selepas mendaftar",
            ),
            T(
                "Show the price on the first page",
                "首页直接显示价格",
                "Tunjukkan harga di halaman pertama",
            ),
            T("Product owner", "产品负责人", "Pemilik produk"),
        ),
    ),
)

DECISION = Stage(
    "decision",
    T("Decision", "决策", "Keputusan"),
    T("Choose and start", "做出选择并开始使用", "Memilih dan bermula"),
    T(
        "The buyer chooses one option and commits to it.",
        "买家选定一个方案并付诸行动。",
        "Pembeli memilih satu pilihan dan komited kepadanya.",
    ),
    _two_steps(
        "decision",
        (
            T("Start the free trial", "开始免费试用", "Mulakan percubaan percuma"),
            T(
                "I install the app and link my bank",
                "我安装应用并绑定银行账户",
                "Saya pasang aplikasi dan pautkan bank saya",
            ),
            T("Easier than I thought", "比我想的简单", "Lebih mudah daripada sangkaan"),
            T("mobile app", "手机应用", "aplikasi mudah alih"),
            2,
        ),
        (
            T("Pay for the year", "支付一年费用", "Bayar untuk setahun"),
            T("I choose the yearly plan", "我选择年付方案", "Saya pilih pelan tahunan"),
            T(
                "I hope I can cancel if it does not work",
                "希望不好用时能退订",
                "Harap saya boleh batal jika tidak sesuai",
            ),
            T("in-app payment", "应用内支付", "pembayaran dalam aplikasi"),
            0,
        ),
        (
            T(
                "Cancellation terms are hard to find",
                "退订条款很难找到",
                "Syarat pembatalan sukar dicari",
            ),
            T(
                "One-tap cancellation, stated before payment",
                "付款前说明可一键退订",
                "Pembatalan satu sentuhan, dinyatakan sebelum bayaran",
            ),
            T("Billing team", "计费团队", "Pasukan bil"),
        ),
        first_kind="decision",
    ),
)

LOYALTY = Stage(
    "loyalty",
    T("Loyalty", "忠诚", "Kesetiaan"),
    T("Keep getting value", "持续获得价值", "Terus mendapat nilai"),
    T(
        "The customer uses the product, renews and recommends it, or leaves.",
        "顾客持续使用、续费并推荐，或者离开。",
        "Pelanggan terus menggunakan, memperbaharui dan mengesyorkan, atau pergi.",
    ),
    _two_steps(
        "loyalty",
        (
            T("Get the monthly summary", "收到月度总结", "Terima ringkasan bulanan"),
            T(
                "I read where my money went",
                "我看我的钱花到哪里去了",
                "Saya baca ke mana wang saya pergi",
            ),
            T("I saved more than I expected", "比预期省得多", "Saya jimat lebih daripada jangkaan"),
            T("email", "邮件", "e-mel"),
            2,
        ),
        (
            T("Renew the plan", "续订方案", "Perbaharui pelan"),
            T(
                "I get a renewal reminder a week early",
                "提前一周收到续费提醒",
                "Saya terima peringatan pembaharuan seminggu awal",
            ),
            T("Fair, I will keep it", "很公道，我会继续用", "Berpatutan, saya akan teruskan"),
            T("email, mobile app", "邮件、手机应用", "e-mel, aplikasi mudah alih"),
            1,
        ),
        (
            T(
                "Renewal price rose without notice last year",
                "去年续费涨价没有提前通知",
                "Harga pembaharuan naik tanpa notis tahun lalu",
            ),
            T(
                "Announce price changes a month ahead",
                "提前一个月公布价格变化",
                "Umumkan perubahan harga sebulan lebih awal",
            ),
            T("Billing team", "计费团队", "Pasukan bil"),
        ),
    ),
)

BUDGET_PERSONA = (
    T("Daniel, busy parent", "丹尼尔，忙碌的家长", "Daniel, ibu bapa yang sibuk"),
    T(
        "35, two children, pays household bills from his phone.",
        "35岁，有两个孩子，用手机缴家庭账单。",
        "35 tahun, dua anak, membayar bil rumah melalui telefon.",
    ),
    T("families", "家庭用户", "keluarga"),
)
BUDGET_SCENARIO = T(
    "Daniel missed a bill payment and looks for an app that reminds him.",
    "丹尼尔错过了一次缴费，想找一个能提醒他的应用。",
    "Daniel terlepas bayaran bil dan mencari aplikasi yang boleh mengingatkannya.",
)
BUDGET_EXPECTATIONS = T(
    "I want to never miss a bill again, without a complicated tool.",
    "我再也不想错过账单，也不想用复杂的工具。",
    "Saya tidak mahu terlepas bil lagi, tanpa alat yang rumit.",
)

BUYERS_JOURNEY = Template(
    name="buyers_journey",
    languages=LANGUAGES,
    title=T(
        "Buyer's journey: a bill-reminder app",
        "买家旅程：账单提醒应用",
        "Perjalanan pembeli: aplikasi peringatan bil",
    ),
    summary=T(
        "The buyer's journey: awareness → consideration → decision.",
        "买家旅程：认知 → 考虑 → 决策。",
        "Perjalanan pembeli: kesedaran → pertimbangan → keputusan.",
    ),
    scenario=BUDGET_SCENARIO,
    expectations=BUDGET_EXPECTATIONS,
    persona=BUDGET_PERSONA,
    lanes=STANDARD,
    stages=_with_feelings([AWARENESS, CONSIDERATION, DECISION]),
)

CUSTOMER_LIFECYCLE = Template(
    name="customer_lifecycle",
    languages=LANGUAGES,
    title=T(
        "Customer lifecycle: a bill-reminder app",
        "客户生命周期：账单提醒应用",
        "Kitaran hayat pelanggan: aplikasi peringatan bil",
    ),
    summary=T(
        "The customer lifecycle: awareness, consideration, decision, loyalty.",
        "客户生命周期：认知、考虑、决策、忠诚。",
        "Kitaran hayat pelanggan: kesedaran, pertimbangan, keputusan, kesetiaan.",
    ),
    scenario=BUDGET_SCENARIO,
    expectations=BUDGET_EXPECTATIONS,
    persona=BUDGET_PERSONA,
    lanes=STANDARD,
    stages=_with_feelings([AWARENESS, CONSIDERATION, DECISION, LOYALTY]),
)


def _renamed(stage: Stage, stage_id: str, name: Text, description: Text) -> Stage:
    steps = [
        Step(
            f"{stage_id}_{n}",
            s.name,
            s.score,
            dict(s.cards),
            kind=s.kind,
            moment_of_truth=s.moment_of_truth,
            label=s.label,
        )
        for n, s in enumerate(stage.steps, 1)
    ]
    return Stage(stage_id, name, stage.goal, description, steps)


EARLY_MIDDLE_LATE = Template(
    name="customer_lifecycle_early_middle_late",
    languages=LANGUAGES,
    title=T(
        "Customer lifecycle, early / middle / late",
        "客户生命周期：早期 / 中期 / 后期",
        "Kitaran hayat pelanggan: awal / pertengahan / akhir",
    ),
    summary=T(
        "The bias-free variant: early, middle and late stages, named by time rather than by "
        "what the company hopes the customer does (no funnel words like 'conversion').",
        "无偏见变体：按时间命名早期、中期、后期，而不是按公司希望顾客做什么命名"
        "（不用“转化”这类漏斗词）。",
        "Varian tanpa bias: peringkat awal, pertengahan dan akhir, dinamakan mengikut masa, "
        "bukan mengikut apa yang syarikat harapkan (tiada istilah corong seperti 'penukaran').",
    ),
    scenario=BUDGET_SCENARIO,
    expectations=BUDGET_EXPECTATIONS,
    persona=BUDGET_PERSONA,
    lanes=STANDARD,
    stages=_with_feelings(
        [
            _renamed(
                AWARENESS,
                "early",
                T("Early", "早期", "Awal"),
                T(
                    "Before the customer has chosen anything: noticing, asking, searching.",
                    "顾客还没有做出任何选择之前：注意、询问、搜索。",
                    "Sebelum pelanggan memilih apa-apa: menyedari, bertanya, mencari.",
                ),
            ),
            _renamed(
                CONSIDERATION,
                "middle",
                T("Middle", "中期", "Pertengahan"),
                T(
                    "While the customer weighs options and tries them.",
                    "顾客权衡和尝试各种选择的时候。",
                    "Semasa pelanggan menimbang dan mencuba pilihan.",
                ),
            ),
            _renamed(
                LOYALTY,
                "late",
                T("Late", "后期", "Akhir"),
                T(
                    "Living with the choice: using, renewing, recommending or leaving.",
                    "与选择共处：使用、续订、推荐或离开。",
                    "Hidup dengan pilihan: menggunakan, memperbaharui, mengesyorkan atau pergi.",
                ),
            ),
        ]
    ),
)

TEMPLATES = [CANONICAL, BUYERS_JOURNEY, CUSTOMER_LIFECYCLE, EARLY_MIDDLE_LATE]

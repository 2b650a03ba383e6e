"""What each check says, in English, Chinese and Malay.

For every check id and language: the problem (``{item}`` is the item's label, other
fields are the check's parameters and what it found) and why it matters in the method,
with what to do. Adding a language means adding a column here; a missing entry falls back
to English (tests require all three for every check).
"""

from __future__ import annotations

LANGUAGES = ("en", "zh", "ms")

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "JM101": {
        "en": (
            "The map names no persona.",
            "A journey map follows one person's experience; without a persona the steps and "
            "emotions belong to no one and readers fill in their own assumptions. Add the "
            "persona the research is about: who they are and the segment they stand for.",
        ),
        "zh": (
            "地图没有用户画像。",
            "旅程地图描述的是某一个人的经历；没有用户画像，步骤和情绪就不属于任何人，"
            "读者会用自己的假设来填补。请添加研究所针对的用户画像：他们是谁、代表哪个细分群体。",
        ),
        "ms": (
            "Peta tidak menamakan persona.",
            "Peta perjalanan mengikut pengalaman seorang individu; tanpa persona, langkah dan "
            "emosi tidak dimiliki sesiapa dan pembaca mengisi andaian sendiri. Tambah persona "
            "yang dikaji: siapa mereka dan segmen yang mereka wakili.",
        ),
    },
    "JM102": {
        "en": (
            "The map has no scenario.",
            "The scenario is the situation the persona is in (what they want to get done, "
            "when, under what constraints); it decides where the journey starts and ends. "
            "Write one sentence of scenario before mapping steps.",
        ),
        "zh": (
            "地图没有场景。",
            "场景是用户画像所处的情境（想完成什么、何时、受什么限制），它决定旅程从哪里开始、"
            "到哪里结束。请在画步骤之前先用一句话写下场景。",
        ),
        "ms": (
            "Peta tiada senario.",
            "Senario ialah situasi persona (apa yang mahu dicapai, bila, dengan kekangan apa); "
            "ia menentukan di mana perjalanan bermula dan berakhir. Tulis satu ayat senario "
            "sebelum memetakan langkah.",
        ),
    },
    "JM103": {
        "en": (
            "The map states no expectations.",
            "Emotions rise and fall against what the customer expected; without stated "
            "expectations the curve cannot be explained. Write what the persona expects, in "
            "their words.",
        ),
        "zh": (
            "地图没有写出顾客期望。",
            "情绪的起伏是相对于顾客的期望而言的；没有期望，情绪曲线就无法解释。"
            "请用顾客自己的话写下他们的期望。",
        ),
        "ms": (
            "Peta tidak menyatakan jangkaan.",
            "Emosi naik turun berbanding apa yang pelanggan jangkakan; tanpa jangkaan, lengkung "
            "emosi tidak dapat diterangkan. Tulis jangkaan persona dengan kata-kata mereka.",
        ),
    },
    "JM201": {
        "en": (
            "Stage “{item}” has no steps.",
            "A stage is a phase of what the customer does; with no steps in it the map claims "
            "a phase but shows nothing the customer does there. Add the steps (touchpoints, "
            "actions) of this stage, or remove the stage.",
        ),
        "zh": (
            "阶段“{item}”没有步骤。",
            "阶段是顾客行为的一个时期；没有步骤，地图就只有阶段名称而看不到顾客在这里做什么。"
            "请为这个阶段添加步骤（触点、行为），或者删除该阶段。",
        ),
        "ms": (
            "Peringkat “{item}” tiada langkah.",
            "Peringkat ialah satu fasa tindakan pelanggan; tanpa langkah, peta menamakan fasa "
            "tetapi tidak menunjukkan apa yang pelanggan lakukan. Tambah langkah (titik sentuh, "
            "tindakan) atau buang peringkat ini.",
        ),
    },
    "JM202": {
        "en": (
            "Stage “{item}” has no goal.",
            "Each stage should say what the customer wants to achieve in it; the goal is what "
            "the steps and emotions are judged against. Write the customer's goal for this "
            "stage, in their words.",
        ),
        "zh": (
            "阶段“{item}”没有目标。",
            "每个阶段都应写明顾客在这里想达成什么；步骤和情绪都要对照这个目标来评判。"
            "请用顾客的话写下这个阶段的目标。",
        ),
        "ms": (
            "Peringkat “{item}” tiada matlamat.",
            "Setiap peringkat perlu menyatakan apa yang pelanggan mahu capai; matlamat itulah "
            "ukuran bagi langkah dan emosi. Tulis matlamat pelanggan bagi peringkat ini.",
        ),
    },
    "JM203": {
        "en": (
            "Stage “{item}” has no touchpoint or channel.",
            "Touchpoints are where the customer meets the service; a stage without one cannot "
            "be acted on, because no team knows where it happens. Name the channel of at "
            "least one step (a touchpoints lane card, a card's channel, or a touchpoint step).",
        ),
        "zh": (
            "阶段“{item}”没有触点或渠道。",
            "触点是顾客与服务接触的地方；没有触点的阶段无法落地，因为没有团队知道它发生在哪里。"
            "请至少为一个步骤写明渠道（触点泳道的卡片、卡片的渠道，或触点类型的步骤）。",
        ),
        "ms": (
            "Peringkat “{item}” tiada titik sentuh atau saluran.",
            "Titik sentuh ialah tempat pelanggan bertemu perkhidmatan; peringkat tanpanya tidak "
            "boleh ditindak kerana tiada pasukan tahu di mana ia berlaku. Namakan saluran "
            "sekurang-kurangnya satu langkah.",
        ),
    },
    "JM204": {
        "en": (
            "Stage “{item}” has no moment of truth.",
            "The method expects at least one moment of truth per stage: the step where the "
            "customer decides to stay or leave. Those are the steps to design first. Mark the "
            "step in this stage where that decision happens.",
        ),
        "zh": (
            "阶段“{item}”没有关键时刻。",
            "该方法要求每个阶段至少有一个关键时刻：顾客决定留下还是离开的那一步，"
            "也是最应优先设计的一步。请在这个阶段中标出发生这种决定的步骤。",
        ),
        "ms": (
            "Peringkat “{item}” tiada detik kebenaran.",
            "Kaedah ini menjangkakan sekurang-kurangnya satu detik kebenaran setiap peringkat: "
            "langkah di mana pelanggan memutuskan untuk kekal atau pergi. Tandakan langkah itu.",
        ),
    },
    "JM205": {
        "en": (
            "The map has {count} stage(s); at least {min_stages} are expected.",
            "Stages show the shape of the journey (before, during, after); with too few, the "
            "map cannot show where experiences change. Split the journey into the phases the "
            "customer goes through.",
        ),
        "zh": (
            "地图只有 {count} 个阶段，至少需要 {min_stages} 个。",
            "阶段展示旅程的结构（之前、之中、之后）；阶段太少，地图就无法显示体验在哪里发生变化。"
            "请按顾客经历的时期拆分旅程。",
        ),
        "ms": (
            "Peta ada {count} peringkat; sekurang-kurangnya {min_stages} dijangka.",
            "Peringkat menunjukkan bentuk perjalanan (sebelum, semasa, selepas); terlalu sedikit "
            "peringkat tidak menunjukkan di mana pengalaman berubah. Pecahkan perjalanan "
            "mengikut fasa yang dilalui pelanggan.",
        ),
    },
    "JM301": {
        "en": (
            "The map has {count} step(s); at least {min_steps} are expected.",
            "A map with very few steps is a summary, not a journey: it hides the small moments "
            "where the experience is won or lost. Add the steps the research shows, in order.",
        ),
        "zh": (
            "地图只有 {count} 个步骤，至少需要 {min_steps} 个。",
            "步骤太少的地图只是摘要，不是旅程：它掩盖了体验成败的那些细小时刻。"
            "请按顺序补上研究中发现的步骤。",
        ),
        "ms": (
            "Peta ada {count} langkah; sekurang-kurangnya {min_steps} dijangka.",
            "Peta dengan sangat sedikit langkah hanyalah ringkasan: ia menyembunyikan detik kecil "
            "di mana pengalaman menang atau kalah. Tambah langkah yang ditunjukkan kajian.",
        ),
    },
    "JM302": {
        "en": (
            "Step “{item}” has no emotion score.",
            "The emotion curve is what makes a journey map more than a process chart; a step "
            "without a score leaves a gap exactly where nobody asked how it felt. Score the "
            "step on the map's scale (from research, or marked as an estimate).",
        ),
        "zh": (
            "步骤“{item}”没有情绪分数。",
            "情绪曲线让旅程地图不只是流程图；没有分数的步骤恰恰是没人问过感受的地方。"
            "请按地图的量表为该步骤打分（来自研究，或标明为估计）。",
        ),
        "ms": (
            "Langkah “{item}” tiada skor emosi.",
            "Lengkung emosi menjadikan peta perjalanan lebih daripada carta proses; langkah tanpa "
            "skor meninggalkan jurang tepat di mana tiada siapa bertanya perasaan pelanggan. "
            "Beri skor pada skala peta.",
        ),
    },
    "JM303": {
        "en": (
            "The emotion curve has no low point.",
            "Every real journey has moments that hurt; a curve that never drops below neutral "
            "usually means the research was not asked, or the map was drawn from the company's "
            "hopes. Find the worst moment and score it honestly.",
        ),
        "zh": (
            "情绪曲线没有低点。",
            "真实的旅程总有让人难受的时刻；一条从不低于中性的曲线，往往说明没有做研究，"
            "或是按公司的愿望画的。请找出最糟糕的时刻并如实打分。",
        ),
        "ms": (
            "Lengkung emosi tiada titik rendah.",
            "Setiap perjalanan sebenar ada detik yang menyakitkan; lengkung yang tidak pernah "
            "jatuh di bawah neutral biasanya bermaksud kajian tidak dibuat. Cari detik terburuk "
            "dan beri skor dengan jujur.",
        ),
    },
    "JM304": {
        "en": (
            "The emotion curve has no high point.",
            "A curve with no positive moment shows nothing to protect or build on; designs that "
            "remove pain can also remove what customers value. Look for the moments customers "
            "enjoy and score them.",
        ),
        "zh": (
            "情绪曲线没有高点。",
            "没有正面时刻的曲线，看不到值得保护或发扬的地方；消除痛点的设计也可能去掉顾客珍视的东西。"
            "请找出顾客喜欢的时刻并打分。",
        ),
        "ms": (
            "Lengkung emosi tiada titik tinggi.",
            "Lengkung tanpa detik positif tidak menunjukkan apa yang perlu dijaga; reka bentuk "
            "yang membuang kesakitan juga boleh membuang apa yang pelanggan hargai. Cari detik "
            "yang pelanggan suka dan beri skor.",
        ),
    },
    "JM305": {
        "en": (
            "“{item}” reads as the company's point of view (found “{phrase}”; heuristic).",
            "A journey map is written from the customer's side: what I do, think and feel. "
            "Text about what 'we' do to 'the user' describes a process, and hides how it is "
            "lived. Rewrite it in the customer's words, first person. (A phrase list flags "
            "this; it can be wrong, e.g. a customer's 'we' about their family.)",
        ),
        "zh": (
            "“{item}”像是公司视角的表述（发现“{phrase}”；启发式判断）。",
            "旅程地图要从顾客一方来写：我做什么、想什么、感受如何。写“我们”对“用户”做什么，"
            "描述的是流程，掩盖了真实的体验。请改用顾客自己的话、第一人称来写。"
            "（这是按词表判断的，可能误报。）",
        ),
        "ms": (
            "“{item}” berbunyi dari sudut syarikat (ditemui “{phrase}”; heuristik).",
            "Peta perjalanan ditulis dari pihak pelanggan: apa yang saya buat, fikir dan rasa. "
            "Teks tentang apa yang 'kami' lakukan kepada 'pengguna' menerangkan proses, bukan "
            "pengalaman. Tulis semula dengan kata-kata pelanggan. (Senarai frasa digunakan; "
            "ia boleh tersilap.)",
        ),
    },
    "JM401": {
        "en": (
            "Pain point “{item}” has no opportunity against it.",
            "Mapping is for change: each pain point should lead to at least one opportunity "
            "in the same step or stage, or the map records problems without a way forward. "
            "Add an opportunity (what could change, and who owns it) next to it.",
        ),
        "zh": (
            "痛点“{item}”没有对应的机会点。",
            "画地图是为了改变：每个痛点都应在同一步骤或阶段至少对应一个机会点，否则地图只记录问题"
            "而没有出路。请在旁边添加机会点（可以改变什么、由谁负责）。",
        ),
        "ms": (
            "Titik kesakitan “{item}” tiada peluang untuknya.",
            "Pemetaan adalah untuk perubahan: setiap titik kesakitan perlu membawa kepada "
            "sekurang-kurangnya satu peluang dalam langkah atau peringkat yang sama. Tambah "
            "peluang (apa yang boleh diubah, siapa pemiliknya).",
        ),
    },
    "JM402": {
        "en": (
            "Opportunity “{item}” has no owner.",
            "An opportunity nobody owns is not acted on; the canonical map puts ownership next "
            "to every opportunity. Name the person or team who owns it.",
        ),
        "zh": (
            "机会点“{item}”没有负责人。",
            "没有负责人的机会点不会被落实；标准地图要求每个机会点都写明负责人。请写上负责的人或团队。",
        ),
        "ms": (
            "Peluang “{item}” tiada pemilik.",
            "Peluang tanpa pemilik tidak akan dilaksanakan; peta kanonik meletakkan pemilik di "
            "sebelah setiap peluang. Namakan orang atau pasukan yang memilikinya.",
        ),
    },
    "JM403": {
        "en": (
            "The map shows no pain points.",
            "A map of how things are today that finds no pain has not looked closely; pain "
            "points are where the map earns its keep. Add the problems the research found, with "
            "their severity.",
        ),
        "zh": (
            "地图没有痛点。",
            "一张描述现状却找不到痛点的地图，说明观察得不够仔细；痛点正是地图的价值所在。"
            "请补上研究中发现的问题及其严重程度。",
        ),
        "ms": (
            "Peta tidak menunjukkan titik kesakitan.",
            "Peta keadaan semasa yang tiada kesakitan belum diteliti; titik kesakitan ialah "
            "nilai peta. Tambah masalah yang ditemui kajian, dengan tahapnya.",
        ),
    },
    "JM501": {
        "en": (
            "The emotion at “{item}” has no evidence (emotion without data).",
            "An emotion score is a claim about how people felt; without a quote, survey or "
            "observation behind it, it is the team's guess and reads as fact. Link evidence, "
            "or set its source and evidence level to say where it comes from.",
        ),
        "zh": (
            "“{item}”的情绪没有依据（没有数据的情绪）。",
            "情绪分数是对顾客感受的断言；没有访谈原话、问卷或观察支撑，它只是团队的猜测，"
            "却会被当作事实。请关联证据，或标明其来源和证据等级。",
        ),
        "ms": (
            "Emosi di “{item}” tiada bukti (emosi tanpa data).",
            "Skor emosi ialah dakwaan tentang perasaan orang; tanpa petikan, tinjauan atau "
            "pemerhatian, ia hanya tekaan pasukan. Pautkan bukti, atau nyatakan sumber dan "
            "tahap buktinya.",
        ),
    },
    "JM502": {
        "en": (
            "Pain point “{item}” has no evidence.",
            "Pain points decide where money is spent; one that nobody observed or reported is "
            "an assumption. Link the quote or observation it comes from, or mark how it is "
            "known (observed, reported, inferred).",
        ),
        "zh": (
            "痛点“{item}”没有依据。",
            "痛点决定资源投向哪里；没人观察到或反映过的痛点只是假设。"
            "请关联它来自的原话或观察，或标明它是如何得知的（观察、反映、推断）。",
        ),
        "ms": (
            "Titik kesakitan “{item}” tiada bukti.",
            "Titik kesakitan menentukan ke mana wang dibelanjakan; yang tidak diperhati atau "
            "dilaporkan hanyalah andaian. Pautkan petikan atau pemerhatiannya, atau tandakan "
            "bagaimana ia diketahui.",
        ),
    },
    "JM601": {
        "en": (
            "This future-state map has no current state to compare with.",
            "A future state is a proposal; without the current (as-is) curve beside it nobody "
            "can see what improves or by how much. Keep the as-is scores next to the to-be ones.",
        ),
        "zh": (
            "这张未来状态地图没有可对比的现状。",
            "未来状态是一种提案；旁边没有现状（as-is）曲线，谁也看不出改进了什么、改进了多少。"
            "请在目标（to-be）分数旁保留现状分数。",
        ),
        "ms": (
            "Peta keadaan masa depan ini tiada keadaan semasa untuk dibandingkan.",
            "Keadaan masa depan ialah cadangan; tanpa lengkung semasa (as-is) di sebelahnya, "
            "tiada siapa dapat melihat apa yang bertambah baik. Simpan skor as-is di sebelah "
            "skor to-be.",
        ),
    },
    "JM602": {
        "en": (
            "The service blueprint has no “{item}” lane.",
            "A blueprint separates customer actions, frontstage, backstage and support "
            "processes by the lines of interaction, visibility and internal interaction; a "
            "missing layer hides the work behind the experience. Add a lane with that "
            "blueprint role.",
        ),
        "zh": (
            "服务蓝图缺少“{item}”泳道。",
            "服务蓝图用互动线、可视线和内部互动线把顾客行为、前台、后台和支持流程分开；"
            "缺少一层就看不到体验背后的工作。请添加具有该蓝图角色的泳道。",
        ),
        "ms": (
            "Pelan tindakan perkhidmatan tiada lorong “{item}”.",
            "Pelan tindakan memisahkan tindakan pelanggan, hadapan, belakang dan proses sokongan "
            "dengan garis interaksi, keterlihatan dan interaksi dalaman; lapisan yang hilang "
            "menyembunyikan kerja di sebalik pengalaman. Tambah lorong dengan peranan itu.",
        ),
    },
    "JM603": {
        "en": (
            "Blueprint lane “{item}” is out of order.",
            "The lines of a blueprint fall between its layers in a fixed order (customer "
            "actions, frontstage, backstage, support); lanes out of that order put a line in "
            "the wrong place. Move the lane into blueprint order.",
        ),
        "zh": (
            "蓝图泳道“{item}”顺序不对。",
            "蓝图的几条线按固定顺序落在各层之间（顾客行为、前台、后台、支持）；泳道顺序错了，线就会画错位置。"
            "请按蓝图顺序移动该泳道。",
        ),
        "ms": (
            "Lorong pelan tindakan “{item}” tidak mengikut urutan.",
            "Garis pelan tindakan terletak antara lapisan dalam urutan tetap (tindakan "
            "pelanggan, hadapan, belakang, sokongan); lorong di luar urutan meletakkan garis di "
            "tempat salah. Alihkan lorong mengikut urutan.",
        ),
    },
    "JM604": {
        "en": (
            "Lane “{item}” is empty.",
            "A lane on the map promises a kind of insight; left empty it tells readers it was "
            "looked for and not found. Fill it from the research or remove it.",
        ),
        "zh": (
            "泳道“{item}”是空的。",
            "地图上的每条泳道都意味着一类洞察；空着会让读者以为找过却没找到。请根据研究填写，或删除它。",
        ),
        "ms": (
            "Lorong “{item}” kosong.",
            "Setiap lorong menjanjikan sejenis wawasan; jika kosong, pembaca menyangka ia dicari "
            "dan tidak ditemui. Isikan daripada kajian atau buang lorong itu.",
        ),
    },
}

FEEDBACK_WORDS = {
    "en": {"score": "Score", "findings": "Findings", "none": "No findings.",
           "compared": "Compared with the reference", "map": "the map"},
    "zh": {"score": "得分", "findings": "检查结果", "none": "没有发现问题。",
           "compared": "与参考地图的比较", "map": "旅程地图"},
    "ms": {"score": "Skor", "findings": "Dapatan", "none": "Tiada dapatan.",
           "compared": "Berbanding peta rujukan", "map": "peta"},
}  # fmt: skip

SEVERITY_WORDS = {
    "en": {"error": "error", "warning": "warning", "info": "note"},
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "ms": {"error": "ralat", "warning": "amaran", "info": "nota"},
}

BLUEPRINT_ROLE_WORDS = {
    "en": {
        "customer_actions": "customer actions",
        "frontstage": "frontstage",
        "backstage": "backstage",
        "support_processes": "support processes",
    },
    "zh": {
        "customer_actions": "顾客行为",
        "frontstage": "前台",
        "backstage": "后台",
        "support_processes": "支持流程",
    },
    "ms": {
        "customer_actions": "tindakan pelanggan",
        "frontstage": "hadapan",
        "backstage": "belakang",
        "support_processes": "proses sokongan",
    },
}


def message(check_id: str, language: str) -> tuple[str, str]:
    """(problem, why) for ``check_id`` in ``language``, English when it has no such entry."""
    entry = MESSAGES[check_id]
    return entry.get(language, entry["en"])

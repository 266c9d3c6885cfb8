"""The letters the detector (:mod:`.detect`) expects of each script and language: the most
frequent of each 8-bit codec's script, the letters of each language of a Latin codec, and the
most frequent Chinese characters."""

from __future__ import annotations

from typing import Final

#: The most frequent non-ASCII letters of each candidate's languages.  A text read with the wrong
#: codec of its script gets a shuffled set of letters, so fewer of these.
WESTERN_LETTERS: Final = "éèêàâçôîûùëïüöäßñáíóúãõåøæœìò"
CENTRAL_EUROPEAN_LETTERS: Final = "ąęłśźżćńóčďěňřšťůžáéíúýőűöüäôâîăşţ"
TURKISH_LETTERS: Final = "çğıöşüâîû"
CYRILLIC_LETTERS: Final = "оеаинтсрвлкмдпуяі"
GREEK_LETTERS: Final = "αοειτνησρπκυμλωάέίόή"
HEBREW_LETTERS: Final = "יוהלארתבמשנעדכקח"
ARABIC_LETTERS: Final = "اليمونهرتبعدسفكقةأ"
THAI_LETTERS: Final = "านรองกมเยวทดลตสปบะไใขคหแ"
#: The letters each language of a Latin codec uses: its frequent letters count fully only
#: when they are those of one language (Czech read as windows-1252 has è, ì, ø and ù, the
#: letters of no one language; French, German, Spanish... read as windows-1250 likewise).
WESTERN_LANGUAGES: Final = (
    "éèêàâçôîûùëïüœ",  # French
    "äöüßé",  # German
    "áéíóúñü",  # Spanish
    "áéíóúâêôãõçà",  # Portuguese
    "àèéìòù",  # Italian
    "àèéíòóúïüç",  # Catalan
    "åäöøæé",  # Danish, Norwegian, Swedish, Finnish
    "ëïéèöü",  # Dutch
)
CENTRAL_EUROPEAN_LANGUAGES: Final = (
    "áéíóúýčďěňřšťůžäôĺľŕ",  # Czech, Slovak
    "ąęłśźżćńó",  # Polish
    "áéíóöőúüű",  # Hungarian
    "čćđšž",  # Croatian, Slovene, Bosnian
    "ăâîşţ",  # Romanian
    "äöüßé",  # German
)
#: The one-letter words of the Central European languages that are not ASCII (Hungarian "ő",
#: "he, she"): any other non-ASCII letter standing alone is a symbol read as a letter (the
#: "»" and "©" of a Western page read as ISO-8859-2 are "ť" and "Š").
CENTRAL_EUROPEAN_ONE_LETTER_WORDS: Final = "ő"

#: The most frequent Chinese characters (simplified, then traditional forms that differ).  Text
#: in another CJK encoding read as GBK or Big5 is made of valid but random characters, of which
#: only a few percent are in this list; real Chinese text has about half its characters in it.
COMMON_HANZI: Final = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年"
    "过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心"
    "她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间"
    "由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给"
    "世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变"
    "四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社"
    "便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北"
    "边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济"
    "车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团"
    "集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企"
    "八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考"
    "落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音"
    "跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采"
    "举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普"
    "這個們來為國說時會對發後過裡種經麼現當沒動見還進樣開從實軍無與長機點業兩間問應戰頭體產話將"
    "學關東車門馬書記場區務員設統處條給邊歲電聽氣萬離總親難變連認識讓紅網際張華農隊運愛戲術歡樂"
    "醫號雲風義議論聲買賣費該語讀寫錢級組結線練約紹細終絕紙續園圖團專導層屬幫廣廠強態戰擊據數斷"
    "標歷歸滿熱爭獨環畫盡監眾碼確稱節範紀維織繼羅習聯腦臉興舉藝蘇衛補裝製複覺觀計討許訴評詞試詩"
    "詳誤請課調談謝證警護豐負貨質貴資趕跡輕載輪輸轉辦遠違鄉鐵銀錄錯鍵閱陣陳陸陽階險隨雖雙雞靈韓"
    "響頁項順須預領題顏類顯飛飯養館驗髮魚鳥黨齊龍臺灣"
)

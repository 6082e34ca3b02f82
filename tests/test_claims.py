"""Health claims are refused in every build, sentence by sentence, wherever patients would read them."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, build_project, write

from clinicsites import claims, commands

FM = "---\ntitle: About\ndescription: About.\n---\n\n"
PAGE = "content/shared/pages/about-treatment.md"
CORPUS = REPO / "corpus"


def run_build(project, capsys, theme=None):
    code = commands.run(lambda: build_project(project, theme=theme))
    return code, capsys.readouterr().err.splitlines()


def categories(markdown_body: str) -> set[str]:
    """The categories the engine refuses a Markdown body under, read as a build reads it."""
    return {hit.rule.name for hit in claims.scan(FM + markdown_body, "x.md") if not hit.allowed}


def corpus_texts() -> set[str]:
    """Every sentence in the labelled corpus (tests below must use others, so they test generality)."""
    return {entry["text"] for path in CORPUS.glob("claims-*.yaml") for entry in yaml.safe_load(path.read_text())}


# Sentences written for these tests only, one or more per category and language (none is in corpus/).
RISKY = [
    ("absolute", "Our needling programme cures stubborn shoulder pain once and for all."),
    ("absolute", "We guarantee results from your very first appointment."),
    ("efficacy", "Dry needling treats runner's knee and tendon pain."),
    ("efficacy", "Needling heals strained calf muscles."),
    ("scope", "Our sessions help women with hormonal imbalance."),
    ("scope", "Dry needling lowers high blood pressure naturally."),
    ("comparison", "Dry needling works better than a cortisone injection."),
    ("safety", "Dry needling is completely safe for the elderly."),
    ("safety", "There are no side effects at all."),
    ("authority", "Research confirms that needling relieves knee pain."),
    ("speed", "Walk out of the clinic with instant results."),
    ("speed", "We tackle the root cause of your back pain."),
    ("numbers", "97% of our clients report less pain."),
    ("testimonial", '"I can finally play golf again, my elbow pain is gone" - Tom.'),
    ("mechanism", "Each session flushes the toxins out of your shoulders."),
    ("superiority", "The leading dry needling team in Louisiana."),
    ("absolute", "ہمارے پاس گھٹنے کے درد کا مکمل علاج موجود ہے۔"),
    ("efficacy", "ڈرائی نیڈلنگ کندھے کے درد کا علاج کرتی ہے۔"),
    ("scope", "یہ طریقہ ذیابیطس کے مریضوں کی شوگر کم کرتا ہے۔"),
    ("comparison", "اب آپریشن کی ضرورت نہیں، سوئیوں سے علاج کروائیں۔"),
    ("safety", "یہ علاج سو فیصد محفوظ ہے اور اس کا کوئی نقصان نہیں۔"),
    ("authority", "یہ طریقہ سائنسی طور پر ثابت شدہ ہے۔"),
    ("speed", "ایک ہی سیشن میں درد سے فوری آرام پائیں۔"),
    ("numbers", "ہمارے 90% مریض ایک ہفتے میں ٹھیک ہو جاتے ہیں۔"),
    ("testimonial", "میری گردن کا درد پہلے ہی سیشن کے بعد ختم ہو گیا۔"),
    ("mechanism", "سوئی جسم سے زہریلے مادے خارج کرتی ہے۔"),
    ("superiority", "اسلام آباد کا بہترین ڈرائی نیڈلنگ کلینک۔"),
    ("safety", "Dry needling بالکل safe ہے اور 100% محفوظ۔"),
]

CAREFUL = [
    "Dry needling may ease calf tightness for some runners, and results vary.",
    "It does not cure arthritis, and we will say so.",
    "Tell your practitioner if you take medicine for blood pressure.",
    "Soreness after a session usually settles within a day or two.",
    "Studies of small groups suggest short-term relief for some people with shoulder pain.",
    "Works with cyclists, gardeners and people at desks all day.",
    "کچھ لوگوں کو کندھے کے درد میں وقتی آرام مل سکتا ہے، اور نتائج مختلف ہوتے ہیں۔",
    "اگر آپ کو شوگر ہے تو سیشن سے پہلے ہمیں بتائیں۔",
]

# How each rule and reading of claims.yaml generalises: for every one, sentences written for these tests only (none
# is in corpus/, none is one a rule was written from) that it should catch (a category) or leave alone (None).
GENERAL = [
    # "relieve*", "resolve*", "eliminate*" match every form of the word, by its lemma
    ("prefix-lemma", "efficacy", "Our physios are relieving shoulder pain every day."),
    ("prefix-lemma", "efficacy", "Resolving plantar fasciitis with needling."),
    ("prefix-lemma", "absolute", "We are eliminating knee pain one client at a time."),
    # a negation reaches through its clause, not past it; "not only" is no denial
    ("negation", None, "There is no reliable proof that needling stops tendon pain from returning."),
    ("negation", None, "Nothing about a needle makes it completely risk-free."),
    ("negation", None, "Dry needling rarely gives complete relief on its own."),
    ("negation", "absolute", "No waiting lists, and our needling cures back pain."),
    ("negation", "safety", "Not only is it drug-free, it is completely safe."),
    # a disclaimer takes its sentence out, up to a contrast
    ("disclaimer", None, "We can't promise that your knee will be pain-free."),
    ("disclaimer", None, "Nobody can guarantee a cure for arthritis."),
    ("disclaimer", None, "Being natural does not mean it is risk-free."),
    ("disclaimer", None, "Runners often ask if needling can fix shin splints."),
    ("disclaimer", "absolute", "We can't promise miracles, but most clients are pain-free after one session."),
    ("disclaimer", "absolute", "People ask whether it works, but our patients are cured in one visit."),
    # Urdu's negation follows what it negates, whatever script that is in
    ("urdu-negation", None, "یہ طریقہ 100% محفوظ نہیں ہے۔"),
    ("urdu-negation", None, "کوئی بھی سوئی سو فیصد بے ضرر نہیں ہوتی۔"),
    # a list item is read after its lead-in; a list of conditions under what needling does is a claim
    ("lead-in", "efficacy", "Conditions we treat:\n\n- sciatica\n- tennis elbow\n- jaw pain"),
    ("lead-in", "efficacy", "Dry needling may help with:\n- neck pain\n- headaches"),
    ("lead-in", None, "Questions people ask about:\n- neck pain\n- heel pain"),
    ("lead-in", None, "Dry needling is not a treatment for:\n\n- anxiety\n- weight loss"),
    ("lead-in", None, "Things we cannot promise:\n- a cure\n- lasting results"),
    ("lead-in", "scope", "Benefits:\n- deeper sleep\n- steadier blood sugar"),
    # a table cell is read after its row's first cell
    ("table-row", "efficacy", "| Condition | Outcome |\n|---|---|\n| Sciatica | Cleared up with needling |"),
    ("table-row", "absolute", "| Knee arthritis | Completely healed |"),
    ("table-row", None, "| Neck pain | Some people feel short-term relief; results vary |"),
    ("table-row", None, "| Session length | 45 minutes |"),
    # everyone, every patient: a promise only with an outcome
    ("everyone", "absolute", "Our needling helps every patient who walks in."),
    ("everyone", None, "We open a fresh pack of needles for every patient."),
    ("everyone", "absolute", "یہ طریقہ ہر مریض کے لیے فائدہ مند ہے۔"),
    ("everyone", None, "ہر مریض کے لیے الگ تولیہ استعمال ہوتا ہے۔"),
    # total and certain: "fully resolved", "completely gone", "بالکل غائب"
    ("totally", "absolute", "Your neck stiffness will be totally gone."),
    ("totally", "absolute", "کمر کا درد بالکل غائب ہو جاتا ہے۔"),
    ("totally", None, "Bruises usually fade completely within a week."),
    # never ... again
    ("never-again", "absolute", "Never let back pain keep you off the golf course again."),
    ("never-again", "absolute", "You'll never have to live with that neck ache again."),
    ("never-again", None, "If you never want needles again, just tell us."),
    # rid of it for good
    ("for-good", "absolute", "Get rid of that shoulder ache forever."),
    ("for-good", "absolute", "ہمیشہ کے لیے گردن کے درد سے چھٹکارا پائیں۔"),
    ("for-good", None, "We keep your records for good practice reasons."),
    # Urdu verbs: the passive ("علاج کیا جاتا ہے") and what a condition does by itself ("کھل جاتی ہے")
    ("urdu-verbs", "efficacy", "یہاں کمر درد کا علاج کیا جاتا ہے۔"),
    ("urdu-verbs", None, "یہاں بچوں کا علاج نہیں کیا جاتا۔"),
    ("urdu-verbs", "efficacy", "اس طریقے سے اکڑی ہوئی گردن کھل جاتی ہے۔"),
    ("urdu-verbs", "efficacy", "سوئی لگانے سے ایڑی کا درد غائب ہو جاتا ہے۔"),
    ("urdu-verbs", None, "کلینک صبح نو بجے کھل جاتا ہے۔"),
    # the condition as the subject: "responds well to", "clears up after"
    ("condition-subject", "efficacy", "Plantar fasciitis responds quickly to a few sessions of needling."),
    ("condition-subject", "efficacy", "Shoulder tendinopathy usually clears up after a course of needling."),
    ("condition-subject", None, "Tell us how your knee responds to the first session."),
    # an outcome and what brought it, with no verb
    ("outcome-by", "efficacy", "Neck pain: better after one treatment."),
    ("outcome-by", "efficacy", "| Shin splints | Eased by two needling sessions |"),
    ("outcome-by", None, "Soreness usually feels better after a day of rest."),
    ("outcome-by", "efficacy", "| کندھے کا درد | سیشن سے بہتر |"),
    # performance promised
    ("performance", "efficacy", "Sharpen your athletic edge with pre-season needling."),
    ("performance", "efficacy", "Needling increases endurance for marathon runners."),
    ("performance", None, "Rest days help performance more than extra sessions."),
    ("performance", "efficacy", "ڈرائی نیڈلنگ کھلاڑیوں کی کارکردگی بڑھاتی ہے۔"),
    # scope: the outcome as a verb of calm or an adjective ("deeper sleep"), Urdu nouns of change ("بہتری")
    ("scope-change", "scope", "It soothes stress and lifts your mood."),
    ("scope-change", "scope", "Enjoy deeper sleep after every session."),
    ("scope-change", None, "Deep breathing can calm your nerves before the needle goes in."),
    ("scope-change", None, "Many people feel calmer about needles after the first visit."),
    ("scope-change", "scope", "باقاعدہ سیشن سے نیند میں بہتری آتی ہے۔"),
    ("scope-change", "scope", "ہارمونز میں توازن کے لیے ڈرائی نیڈلنگ کروائیں۔"),
    ("scope-change", None, "سیشن کے بعد اپنا توازن برقرار رکھنے کے لیے آہستہ اٹھیں۔"),
    ("scope-change", "scope", "بے اولادی کا علاج اب سوئیوں سے۔"),
    # scope: "for" before the condition is what the treatment is for; "for months" after it is not
    ("scope-for", "scope", "Book a needling session for better sleep."),
    ("scope-for", None, "Stress can last for months after an injury."),
    ("scope-for", None, "For ongoing anxiety, please speak to your GP."),
    ("scope-for", None, "We check for diabetes and high blood pressure at your first visit."),
    # comparison: operations by name, called off, needling tried first, medicines left, the slogan
    ("surgery-named", "comparison", "Avoid a knee replacement with regular needling."),
    ("surgery-named", None, "Needling is not an alternative to a hip replacement."),
    ("called-off", "comparison", "Many clients postpone their knee operation after a course of needling."),
    ("called-off", None, "If you have had an operation recently, we may postpone your first session."),
    ("tried-first", "comparison", "Before you sign up for spinal surgery, try dry needling."),
    ("tried-first", "comparison", "Try a course of needling before reaching for painkillers."),
    ("tried-first", "comparison", "آپریشن سے پہلے ایک بار سوئیوں کا علاج ضرور آزمائیں۔"),
    ("medicines-left", "comparison", "درد کش گولیاں چھوڑ دیں اور قدرتی علاج اپنائیں۔"),
    ("medicines-left", None, "ڈاکٹر کی دی ہوئی دوا خود سے نہ چھوڑیں۔"),
    ("no-pills", "comparison", "No drugs. No surgery. Just needles."),
    ("no-pills", "comparison", "Zero pills, zero injections, real relief."),
    ("no-pills", None, "There is no drug in the needle."),
    ("no-pills", None, "No drugs are used in dry needling; the needle is solid."),
    ("no-pills", "comparison", "No surgery is needed with our approach."),
    # safety: zero chance; English in Urdu script
    ("zero-chance", "safety", "There's zero chance of a bad reaction."),
    ("zero-chance", None, "The chance of a serious problem is small, but it is not zero."),
    ("urdu-script-english", "safety", "یہ طریقہ بالکل سیف ہے۔"),
    ("urdu-script-english", "safety", "سائیڈ ایفیکٹ فری علاج۔"),
    ("urdu-script-english", None, "سیشن کے بعد سیف ڈرائیونگ کے لیے تھوڑا آرام کریں۔"),
    # authority: proof or approval as the treatment's attribute; both sides of the evidence told
    ("proven-attribute", "authority", "A proven method for easing sciatica."),
    ("proven-attribute", "authority", "یہ ایک تسلیم شدہ طریقہ علاج ہے۔"),
    ("proven-attribute", None, "Our physiotherapists are approved providers for most insurers."),
    ("both-sides", None, "This page sets out what studies show and what they do not."),
    # speed: sooner than otherwise; kept from ever getting worse
    ("sooner", "speed", "Get back to work faster with needling."),
    ("kept-from", "speed", "Regular needling keeps a niggle from turning into a long-term injury."),
    ("kept-from", None, "Rest keeps a bruise from getting bigger."),
    # numbers: a figure with what happened is an outcome; a figure of who has what is not
    ("figures", "numbers", "Eight in ten patients have fewer flare-ups."),
    ("figures", "numbers", "۹۰ فیصد کامیابی۔"),
    ("figures", None, "About one in five adults has back pain at some point."),
    # testimonials: someone's result promised to the reader, told as done, "real patients", reviews as proof
    ("you-too", "testimonial", "Amir is running again, and so can you."),
    ("you-too", "testimonial", "Maria beat her back pain, and you can too."),
    ("you-too", "testimonial", "Like Omar, you can get back to the gym."),
    ("you-too", "testimonial", "آپ بھی ان کی طرح ٹھیک ہو سکتے ہیں۔"),
    ("you-too", None, "If you have questions too, call us."),
    ("you-too", None, "Like most people, you may feel a little sore."),
    ("told-as-done", "testimonial", "Her migraines stopped after three visits."),
    ("told-as-done", "testimonial", "His knee pain vanished overnight."),
    ("told-as-done", "testimonial", "نسرین بی بی کا گھٹنے کا درد دو سیشن میں ٹھیک ہو گیا۔"),
    ("told-as-done", None, "If his shoulder still hurts next week, call us."),
    ("told-as-done", None, "اگر سوجن ٹھیک ہو گئی ہو تو ورزش دوبارہ شروع کریں۔"),
    ("real-patients", "testimonial", "Real people, real results."),
    ("real-patients", None, "Photos on this page show real patients, shared with their consent."),
    ("reviews-as-proof", "testimonial", "Our five-star reviews speak for themselves."),
    # mechanism: Urdu verbs and nouns of the body, English in Urdu script, spellings of stem cells, blood cleansing
    ("urdu-mechanism", "mechanism", "سیشن پٹھوں کو آکسیجن سے بھر دیتا ہے۔"),
    ("urdu-mechanism", "mechanism", "یہ طریقہ آپ کے پٹھوں کو ری سیٹ کرتا ہے۔"),
    ("urdu-mechanism", "mechanism", "اسٹیم سیل تھراپی جیسا اثر۔"),
    ("urdu-mechanism", "mechanism", "ہر سیشن سے خون صاف ہوتا ہے۔"),
    ("urdu-mechanism", None, "ہر مریض کے لیے صاف اور نئی سوئی استعمال ہوتی ہے۔"),
    ("urdu-mechanism", None, "ڈیٹاکس کا کوئی ثبوت نہیں، اس لیے ہم یہ دعویٰ نہیں کرتے۔"),
    # superiority: rank ("#1", "No. 1"), superlatives of quality, nowhere else; "best" and "number one" of the
    # reader's own plans are ordinary words
    ("rank", "superiority", "Baton Rouge's #1 choice for sports physio."),
    ("rank", "superiority", "Rated No. 1 in Rawalpindi."),
    ("rank", None, "Our #1 tip: drink water before you come."),
    ("rank", None, "Room No. 1 is on the left."),
    ("rank", None, "The number one cause of neck pain is posture."),
    ("ordinary-best", None, "The best days to book are Tuesdays."),
    ("ordinary-best", None, "پارکنگ کا بہترین وقت دوپہر سے پہلے ہے۔"),
    ("ordinary-best", None, "سیشن کے لیے بہترین لباس ڈھیلے کپڑے ہیں۔"),
    ("superlative", "superiority", "ہمارا عملہ شہر میں سب سے تجربہ کار ہے۔"),
    ("superlative", "superiority", "Louisiana's most trusted dry needling team."),
    ("superlative", "superiority", "بے نظیر سروس، بے مثال نتائج۔"),
    ("superlative", None, "سب سے عام مضر اثر ہلکی دکھن ہے۔"),
    ("superlative", None, "سب سے پہلے فارم بھریں۔"),
    ("superlative", None, "Wear what is most comfortable."),
    ("nowhere-else", "superiority", "Care like this is something you won't find anywhere else in town."),
    ("nowhere-else", "superiority", "ہم جیسی سروس آپ کو کہیں نہیں ملے گی۔"),
    ("nowhere-else", None, "If the car park is full, there is nowhere else to stop nearby."),
    # Urdu nouns in their oblique and plural forms read as the rules name them ("موٹاپے" as "موٹاپا")
    ("urdu-forms", "scope", "موٹاپے کے مریضوں کے لیے خاص سیشن۔"),
    ("urdu-forms", "scope", "ہاضمے کی خرابی دور کریں۔"),
    ("urdu-forms", None, "اگر آپ کو موٹاپے کی وجہ سے گھٹنوں میں درد ہے تو پہلے ڈاکٹر سے ملیں۔"),
    # treatment as a success
    ("successful-treatment", "efficacy", "We have successfully treated hundreds of frozen shoulders."),
    ("successful-treatment", "efficacy", "کمر درد کا کامیاب علاج اب راولپنڈی میں۔"),
    ("successful-treatment", None, "How successful treatment is varies from person to person."),
    # gone as a thing of the past
    ("thing-of-the-past", "absolute", "Make knee pain a thing of the past."),
    ("thing-of-the-past", "absolute", "With needling, your heel pain is history."),
    ("thing-of-the-past", None, "The paper diary is history; we book online now."),
    # within minutes; a side effect fading quickly is no promise
    ("within-minutes", "speed", "Relief within minutes of your first needle."),
    ("within-minutes", None, "Any ache from the needle usually fades within minutes."),
    # "why go under the knife"
    ("why-go", "comparison", "Why go under the knife for a sore shoulder?"),
    ("why-go", "comparison", "Why get injections when needling can help?"),
    # the nervous system as a switch
    ("nervous-switch", "mechanism", "Needling turns down overactive pain nerves."),
    ("nervous-switch", "mechanism", "It calms the whole nervous system."),
    # doing it again, soon
    ("again-soon", "speed", "Back on the court again after just one session."),
    ("again-soon", None, "Come again after just a few days if the soreness lingers."),
    # "does not return", "will not come back" (each its own phrase)
    ("not-return", "speed", "Once treated, the pain does not return."),
    ("not-return", "speed", "Your headaches will not come back."),
    # Written for issue 19's second held-out set: each class of phrasing it showed, in sentences of our own.
    # a question answered yes is read with its answer; one answered otherwise stays a question
    ("answered-yes", "absolute", "Does dry needling cure tendinitis? Absolutely."),
    ("answered-yes", "efficacy", "Can needling fix a frozen shoulder? Yes, and quickly too."),
    ("answered-yes", None, "Does needling heal torn tendons? The evidence is still thin."),
    ("answered-yes", None, "Can dry needling cure tendinitis? No, and nobody can promise that."),
    # a question that is no plain question is read with the sentence after it (its condition reaches it)
    ("question-context", "absolute", "Stiff neck? Not any more."),
    ("question-context", "efficacy", "Sore heels? Needling gets you walking comfortably again."),
    ("question-context", None, "Sore after a session? Gentle walking usually helps."),
    ("question-context", None, "Guaranteed? Never; results vary from person to person."),
    ("question-context", "absolute", "Not sure? Needling cures back pain."),
    ("question-context", "efficacy", "کمر درد سے پریشان؟ چند سیشن کے بعد آپ پھر سے جھک کر کام کر سکیں گے۔"),
    # a condition's clause supposes and claims nothing, unless it is a wish; the clause after it still claims
    ("if-clause", None, "If your knee pain is gone after three sessions, we stop."),
    ("if-clause", None, "If his pain has eased, he can go back to training."),
    ("if-clause", "absolute", "If you want to be pain-free for good, book a course."),
    ("if-clause", "efficacy", "If you have shin splints, a few sessions will fix them."),
    ("if-clause", None, "اگر درد ختم ہو جائے تو ورزش جاری رکھیں۔"),
    ("if-clause", "absolute", "اگر آپ ہمیشہ کے لیے درد سے نجات چاہتے ہیں تو ابھی بک کریں۔"),
    # a negation reaches across a short aside between commas, not across a list of slogans
    ("aside", None, "No procedure, even a simple one, is completely safe."),
    ("aside", None, "No needle, however fine, is entirely without risk."),
    ("aside", "safety", "No pills, no fuss, totally safe."),
    ("aside", "safety", "No waiting, honestly, and it's completely safe."),
    # a negation reaches every item of a list; a clause after "and" is no list item
    ("list", None, "We don't use needling for asthma, allergies or acne."),
    ("list", None, "Dry needling does not treat depression, insomnia and anxiety."),
    ("list", "absolute", "No referral needed, and it cures back pain."),
    ("list", "scope", "We offer no pills, just needling for anxiety, insomnia and stress."),
    # "نہ کوئی ..." (no ... at all) claims; "نہ کوئی معجزہ ہے" (it is no miracle) denies
    ("urdu-neither", "safety", "نہ کوئی سائیڈ ایفیکٹ، نہ کوئی درد۔"),
    ("urdu-neither", None, "یہ نہ کوئی معجزہ ہے نہ جادو۔"),
    # free of it, or 100 per cent better: certain outcomes however they are put
    ("free-of", "absolute", "You'll be free from back pain in no time."),
    ("free-of", "absolute", "Be 100 per cent better after your course."),
    ("free-of", None, "Sessions are free of charge for children."),
    # all of it removed
    ("remove-all", "absolute", "Each session clears all your knots."),
    ("remove-all", None, "Please remove all jewellery from the area."),
    # back to how it was, promised
    ("back-to", "absolute", "We will get you back on the tennis court after your elbow injury."),
    ("back-to", "absolute", "Walk in with a stiff neck, walk out without it."),
    ("back-to", None, "Most people get back to normal activities the next day."),
    ("back-to", None, "Your neck may feel stiff for a day, then it settles."),
    # "heals" beside a condition; healing by itself is no claim
    ("heal", "efficacy", "Needling heals tennis elbow."),
    ("heal", None, "Most calf strains heal on their own within six weeks."),
    ("heal", None, "Give the bruise time to heal."),
    # moving again, promised
    ("moving-again", "efficacy", "Our sessions get you running again after a hamstring strain."),
    ("moving-again", None, "Gentle exercise keeps you moving between sessions."),
    ("moving-again", "efficacy", "کندھے کے درد کے بعد آپ پھر سے کرکٹ کھیل سکیں گے۔"),
    ("moving-again", None, "اگر آپ دوبارہ آ سکیں تو بتائیں۔"),
    # the condition leaving
    ("goes-away", "efficacy", "The heel pain goes away after a few treatments."),
    ("goes-away", None, "Tell us if the pain goes away and then comes back."),
    ("goes-away", None, "Soreness usually goes away by itself."),
    # "tell us" as advice excuses a sentence; patients telling us does not
    ("tell-us", "testimonial", "Patients tell us their migraines stopped after needling."),
    ("tell-us", "scope", "Clients tell us needling calmed their anxiety for good."),
    ("tell-us", None, "Tell us about any heart condition before your session."),
    # verbs of settling, "faster", "difference", "needling and X"; weight loss as a warning sign
    ("scope-verbs", "scope", "Needling can settle an irritable bowel and bloating."),
    ("scope-verbs", "scope", "A faster metabolism with every session."),
    ("scope-verbs", "scope", "Dry needling for weight loss."),
    ("scope-verbs", None, "Unexplained weight loss needs a doctor, not needling."),
    ("scope-verbs", "scope", "Dry needling and anxiety: how it can help"),
    ("scope-verbs", None, "Dry needling and diabetes: please tell us before your session"),
    ("scope-verbs", "scope", "اس سے ذیابیطس میں بھی فرق پڑتا ہے۔"),
    # "why keep taking ..."
    ("why-keep", "comparison", "Why keep taking painkillers every day?"),
    ("why-keep", None, "Why keep a diary of your pain? It helps us plan."),
    # an operation named first and called off after
    ("cancel-it", "comparison", "Clients booked for shoulder surgery often postpone it after needling."),
    ("cancel-it", None, "If you have an operation booked, tell us and we may postpone it."),
    # not needed after all
    ("never-need", "comparison", "With regular needling, you may never need an operation."),
    ("never-need", None, "You won't need to bring any medicines."),
    ("never-need", "comparison", "انجکشن کی نوبت ہی نہیں آتی۔"),
    ("never-need", None, "ہمارے ہاں انتظار کی نوبت نہیں آتی۔"),
    # better than other treatments
    ("other-therapies", "comparison", "Works faster than massage for tight hamstrings."),
    ("other-therapies", None, "Needling is often combined with massage rather than used instead of it."),
    # nothing can go wrong
    ("go-wrong", "safety", "With us, nothing can go wrong."),
    ("go-wrong", None, "If anything goes wrong, call us."),
    # no risk of a fee is no safety claim
    ("no-risk-of", None, "There's no risk of losing your deposit if you reschedule."),
    ("no-risk-of", "safety", "There's no risk of nerve damage."),
    # what studies have not shown
    ("both-sides", None, "Trials have not shown that needling beats exercise."),
    ("both-sides", "authority", "Trials have shown that needling relieves neck pain better than exercise."),
    # a doctor's prescription is care, not an endorsement
    ("prescribed", None, "Keep taking the tablets your doctor prescribed."),
    ("prescribed", "authority", "ماہرین کا تجویز کردہ طریقہ علاج۔"),
    ("prescribed", None, "ڈاکٹر کی تجویز کردہ گولیاں وقت پر لیں۔"),
    # a body's recognition; membership is no claim
    ("bodies", "authority", "The NHS recognises needling as an effective treatment for back pain."),
    ("bodies", None, "Our physios are registered members of the Pakistan Physical Therapy Association."),
    # by a day named
    ("by-a-day", "speed", "Pain-free by Friday."),
    ("by-a-day", None, "Book by Friday to get a morning slot."),
    # back at it within days
    ("back-within", "speed", "You could be back at work in three days."),
    ("back-within", None, "We'll call you back within two days."),
    # all it takes
    ("all-it-takes", "speed", "A single appointment is all it takes."),
    ("all-it-takes", None, "A quick form is all it takes to register."),
    # kept from injury
    ("protect", "speed", "Needling protects runners from injury."),
    ("protect", None, "Wear trainers to protect your feet from blisters."),
    ("protect", "speed", "باقاعدہ نیڈلنگ سے کمر کی چوٹ سے محفوظ رہیں۔"),
    ("protect", None, "انفیکشن سے بچنے کے لیے جگہ صاف رکھیں۔"),
    # both outcomes told, in Urdu
    ("urdu-both", None, "کچھ مریضوں کو فوراً آرام ملتا ہے، کچھ کو کوئی فرق نہیں پڑتا۔"),
    ("urdu-both", "speed", "پہلے سیشن کے فوراً بعد درد میں فرق محسوس کریں۔"),
    # a change measured; a population's figure is no outcome
    ("change-figures", "numbers", "Patients gain up to 60% more shoulder movement."),
    ("change-figures", "numbers", "Needling halves knee pain in a month."),
    ("change-figures", None, "Up to 80% of adults have low back pain at some point."),
    ("change-figures", "numbers", "Clients get up to 40% more neck rotation after a course."),
    ("change-figures", "numbers", "دو سیشنز میں درد میں 50 فیصد کمی۔"),
    ("change-figures", None, "پہلے سیشن کی فیس میں 20 فیصد کمی۔"),
    # "fixed" as an adjective; "workers" no outcome (the figure rule's "work*" read "7 in 10 ... are office workers" so)
    ("fixed-number", None, "There is no fixed number of visits; it depends on how you respond."),
    ("fixed-number", "numbers", "Your knee fixed in three sessions."),
    # a figure of those treated
    ("figures-treated", "numbers", "Seven in ten people we treated were back at work within a month."),
    ("figures-treated", None, "Seven in ten people we see are office workers."),
    # patient stories; told as personal accounts
    ("patient-story", "testimonial", "Read Sarah's patient story: how needling fixed her shoulder."),
    ("patient-story", None, "Patient stories are personal accounts, and your results may differ."),
    # someone's condition told as gone
    ("her-condition", "testimonial", "Her plantar fasciitis cleared after a month of needling."),
    ("her-condition", None, "Her plantar fasciitis was diagnosed by her GP before she came to us."),
    # reviews and "real patients" in Urdu
    ("urdu-reviews", "testimonial", "ہمارے مریضوں کے ریویوز دیکھیں، آپ کو بھی فائدہ ہو گا۔"),
    ("urdu-reviews", "testimonial", "حقیقی مریض، حقیقی نتائج۔"),
    ("urdu-reviews", None, "اگر آپ ریویو لکھنا چاہیں تو ہمیں خوشی ہو گی۔"),
    # an aid given up
    ("aid-given-up", "testimonial", "“I binned my back brace after three visits,” says Omar."),
    ("aid-given-up", None, "“I wore my knee brace to the session,” says Omar."),
    # tissue broken up or dissolved, the brain rewired (a possessive reads as its noun)
    ("break-up", "mechanism", "The needle dissolves knots in the muscle."),
    ("break-up", "mechanism", "Needling breaks down adhesions in your fascia."),
    ("break-up", "mechanism", "It rewires the brain's pain response."),
    ("break-up", None, "Scar tissue from an old operation can make needling feel different."),
    ("break-up", None, "The brain's response to pain is complex and still studied."),
    # best for the reader, best as advice, best as an aim
    ("best-for-you", None, "The best exercise for you is one you enjoy."),
    ("best-for-you", None, "Loose clothes are best."),
    ("best-for-you", None, "ہماری کوشش ہے کہ ہر مریض کو بہترین سہولت ملے۔"),
    ("best-for-you", "superiority", "We are the best in the city."),
    # without an equal
    ("no-equal", "superiority", "Our clinic has no equal in the city."),
    ("no-equal", "superiority", "ہماری سروس کا کوئی ثانی نہیں۔"),
    ("no-equal", None, "Equal care for every patient, whatever their language."),
    # a promise no one makes
    ("no-promise", None, "A cure is not something any physio can promise."),
    ("no-promise", None, "No therapist can guarantee you'll be pain-free."),
    # English condition names in Urdu script
    ("urdu-names", "efficacy", "ہم مائیگرین کا علاج کرتے ہیں۔"),
    ("urdu-names", None, "مائیگرین کی صورت میں پہلے ڈاکٹر سے ملیں۔"),
    # the gaps a previous helper listed, as they were written
    ("known-gap", None, "ہماری کوشش ہوتی ہے کہ آپ کو بہترین معلومات دیں۔"),
    ("known-gap", "absolute", "Back pain? Not any more."),
    ("known-gap", "absolute", "Walk in with pain, walk out without it."),
    # a session's after-effects passing, in Urdu
    ("urdu-after-effects", None, "نیل پڑ جائے تو دو تین دن میں ٹھیک ہو جاتا ہے۔"),
    ("urdu-after-effects", "efficacy", "کمر کا درد ایک دو دن میں ٹھیک ہو جاتا ہے۔"),
    # an answer that opens with a negation denies what the question asks
    ("answered-no", None, "Is it risk-free? Absolutely not."),
    ("answered-no", None, "Does it hurt? Make sure you eat first, and it is rarely more than a sting."),
    ("answered-no", "safety", "Is it risky? Absolutely not, it is completely safe."),
]


def test_the_sentences_here_are_not_in_the_corpus():
    assert not {text for _, text in RISKY} & corpus_texts()
    assert not set(CAREFUL) & corpus_texts()
    assert not {text for _, _, text in GENERAL} & corpus_texts()


@pytest.mark.parametrize("category, text", RISKY)
def test_each_category_in_each_language_is_found(category, text):
    assert category in categories(text + "\n")


@pytest.mark.parametrize("text", CAREFUL)
def test_careful_sentences_pass(text):
    assert categories(text + "\n") == set()


@pytest.mark.parametrize("what, category, text", GENERAL, ids=[f"{w}-{n}" for n, (w, _, _) in enumerate(GENERAL)])
def test_each_rule_catches_sentences_it_was_not_written_from_and_leaves_ordinary_ones(what, category, text):
    found = categories(text + "\n")
    assert (category in found) if category else found == set(), f"{what}: {text!r} read as {sorted(found)}"


def test_a_list_item_is_read_after_its_lead_in_and_reported_on_its_own_line():
    hits = claims.scan(FM + "Guaranteed results for:\n\n- sciatica\n- tennis elbow\n", "x.md")
    found = sorted((h.line, h.rule.name, h.phrase) for h in hits)
    assert found == [(6, "absolute", "Guaranteed results for:"),  # the lead-in's own claim, once
                     (8, "efficacy", "Guaranteed results for: sciatica"),
                     (9, "efficacy", "Guaranteed results for: tennis elbow")]  # fmt: skip


def test_a_question_read_with_its_answer_is_one_sentence_reported_on_the_question_s_line():
    hits = claims.scan(FM + "Some text.\n\nNeck pain?\nNot any more.\n\nIs it safe?\nNo, not for everyone.\n", "x.md")
    assert [(h.line, h.phrase, h.rule.name, h.words) for h in hits] == [
        (8, "Neck pain? Not any more.", "absolute", "Not any more")
    ]


def test_a_table_cell_is_read_after_its_row_s_first_cell_and_reported_on_the_row_s_line():
    hits = claims.scan(FM + "| Problem | After needling |\n|---|---|\n| Frozen shoulder | Fully resolved |\n", "x.md")
    assert {(h.line, h.phrase) for h in hits} == {(8, "Frozen shoulder | Fully resolved")}
    assert "absolute" in {h.rule.name for h in hits}


def test_a_claim_in_markdown_is_refused_with_its_sentence_line_and_suggestion(project, capsys):
    write(project / PAGE, FM + "It is used for back pain.\nDry needling cures back pain.\n")
    code, err = run_build(project, capsys)
    assert code == 2 and not (project / "output").exists()
    assert err[0] == ('content/shared/pages/about-treatment.md:7: claims: "Dry needling cures back pain.": a promise '
                      'of a cure or a certain outcome, which no treatment can keep (CAP 12.6, FTC) ("cures"); try: '
                      '"may help some people", "results vary"')  # fmt: skip


def test_a_build_with_a_claim_leaves_the_output_untouched(project, capsys):
    build_project(project)
    before = {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()}
    write(project / PAGE, FM + "Guaranteed results for everyone.\n")
    code, _ = run_build(project, capsys)
    assert code == 2
    assert {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()} == before


def test_a_sentence_wrapped_over_lines_is_read_whole_and_reported_where_it_starts():
    hits = claims.scan(FM + "Needling is gentle.\nIt is completely\nsafe for everyone.\n", "x.md")
    assert {(h.line, h.phrase) for h in hits} == {(7, "It is completely safe for everyone.")}
    assert "safety" in {h.rule.name for h in hits}
    # A list item continued on the next line is one sentence too.
    assert "safety" in categories("- a treatment that is totally\n  safe\n- another item\n")


@pytest.mark.parametrize("text, category", [
    ("It is pain&#8209;free.", "absolute"),
    ("It is pain\u2011free.", "absolute"),
    ("It is completely&nbsp;safe.", "safety"),
    ("It is \u201ccompletely safe\u201d.", "safety"),
    ("One hundred percent of our patients improve.", "numbers"),
    ("100 per cent of clients feel better.", "numbers"),
    ("It is the end of your pain \u2013 for good.", "speed"),
])  # fmt: skip
def test_entities_typographic_variants_and_spelled_numbers_are_read_as_patients_read_them(text, category):
    assert category in categories(text + "\n")


def test_headings_titles_tables_and_alt_text_are_read(tmp_path):
    text = ('---\ntitle: "Cure your sciatica"\ndescription: Careful.\n---\n\n## Instant relief\n\n'
            "| Question | Answer |\n|---|---|\n| Is it safe? | It is 100% safe. |\n\n![The best clinic in town](x.jpg)\n")  # fmt: skip
    found = {(h.line, h.rule.name) for h in claims.scan(text, "x.md")}
    assert found == {(2, "absolute"), (6, "speed"), (10, "safety"), (12, "superiority")}


def test_clinic_tags_are_names_not_claims(project):
    clinics = project / "clinics.yaml"
    clinics.write_text(clinics.read_text().replace("name: Southside Physio", "name: Best Cure Physio"))
    write(project / PAGE, FM + "{{ clinic.name }} is in {{ clinic.town }}. Call {{ clinic.phone }}.\n")
    build_project(project)


@pytest.mark.parametrize("name", ['The "Best" Clinic', "شفا کلینک"])
def test_a_clinic_name_is_never_an_error_and_a_claiming_name_is_a_warning(project, caplog, name):
    clinics = project / "clinics.yaml"
    clinics.write_text(clinics.read_text().replace("name: Southside Physio", f"name: '{name}'"))
    build_project(project)
    warnings = [r.getMessage() for r in caplog.records if "claims" in r.getMessage()]
    assert warnings == ([f'clinics.yaml:24: claims: "{name}": a comparison with every other clinic or treatment '
                         "that cannot be backed up (CAP 3.33, FTC) (\"Best\"); try: say what the clinic does, without "
                         "comparing it (a name: a warning, not an error)"] if "Best" in name else [])  # fmt: skip


def test_shifa_is_a_name_beside_clinic_and_a_claim_as_complete_healing():
    assert categories("شفا کلینک میں خوش آمدید۔\n") == set()
    assert "absolute" in categories("ہمارے ہاں مکمل شفا ملتی ہے۔\n")


def test_a_practitioner_bio_is_read_and_treating_people_is_no_claim(project, capsys):
    clinics = project / "clinics.yaml"
    bio = "    practitioners:\n      - name: Sam Lee\n        bio: {}\n"
    original = clinics.read_text()
    clinics.write_text(original + bio.format("Treats runners and office workers."))
    build_project(project)
    clinics.write_text(original + bio.format("Treats sciatica and frozen shoulder."))
    code, err = run_build(project, capsys)
    assert code == 2 and err[0].startswith('clinics.yaml:35: claims: "Treats sciatica and frozen shoulder.": says')


def test_a_reviewed_sentence_passes_with_a_marker_in_it_and_only_that_sentence(project, capsys):
    write(project / PAGE, FM + "See the guideline *Proven care*. {# claims-ok authority: the guideline's title #}\n")
    build_project(project)
    write(project / PAGE, FM + "See *Proven care*. {# claims-ok authority: a title #} It cures back pain.\n")
    code, err = run_build(project, capsys)
    assert code == 2 and len(err) == 2 and '"It cures back pain."' in err[0]
    write(project / PAGE, FM + "See the guideline *Proven care* {# claims-ok authority #}\n")
    code, err = run_build(project, capsys)
    assert code == 2 and ('content/shared/pages/about-treatment.md:6: claims: "claims-ok authority": a claims-ok '
                          'marker needs a reason after its rule; try: "claims-ok authority: why this sentence is '
                          'acceptable"') in err  # fmt: skip
    write(project / PAGE, FM + "Nothing to see. {# claims-ok absolut: a typo #}\n")
    code, err = run_build(project, capsys)
    assert code == 2 and "a claims-ok marker names a category of claims.yaml: one of absolute, efficacy" in err[0]


def test_a_claim_in_clinics_yaml_is_refused_and_a_marker_in_a_comment_lets_it_pass(project, capsys):
    clinics = project / "clinics.yaml"
    original = clinics.read_text()
    clinics.write_text(original + "    insurance: Needling is 100% safe and insurers agree.\n")
    code, err = run_build(project, capsys)
    assert code == 2 and err[0].startswith('clinics.yaml:33: claims: "Needling is 100% safe and insurers agree.": '
                                           "safety stated as absolute")  # fmt: skip
    clinics.write_text(original + "    insurance: Needling is 100% safe.  # claims-ok safety: quoting the insurer\n")
    build_project(project)


def test_a_claim_in_the_theme_is_refused_with_its_template_line(project, tmp_path, capsys):
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "themes/clinic", theme)
    footer = theme / "templates/partials/footer.html"
    footer.write_text(footer.read_text().replace("<footer", "<p>Guaranteed results.</p>\n<footer", 1))
    code, err = run_build(project, capsys, theme=theme)
    assert code == 2
    assert err[0].endswith('/templates/partials/footer.html:2: claims: "Guaranteed results.": a promise of a cure or '
                           'a certain outcome, which no treatment can keep (CAP 12.6, FTC) ("Guaranteed"); try: '
                           '"may help some people", "results vary"')  # fmt: skip


def test_a_claim_in_a_translation_catalogue_is_refused(project, tmp_path, capsys):
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "themes/clinic", theme)
    po = theme / "translations/ur/LC_MESSAGES/messages.po"
    po.write_text(po.read_text() + '\nmsgid "Claim"\nmsgstr "یہ علاج بالکل محفوظ ہے۔"\n')
    code, err = run_build(project, capsys, theme=theme)
    assert code == 2 and "messages.po" in err[0] and "safety stated as absolute" in err[0]


def test_a_broken_rules_file_is_bad_input_with_its_line():
    with pytest.raises(claims.InputError) as raised:
        claims.compile_rules("hedges: [may]\ncategories:\n  absolute:\n    why: w\n    try: t\n"
                             "    rules:\n      - phrases: [..., cure]\n", "claims.yaml")  # fmt: skip
    assert [str(p) for p in raised.value.problems] == [
        'claims.yaml:7: categories.absolute.rules #1.phrases #1: expected a phrase, got "..." must start with a word '
        "or a number"
    ]


def test_the_claims_report_counts_each_category_and_the_command_exits_0_on_clean_content():
    hits = claims.scan("It cures.\nClinically proven. {# claims-ok authority: a quoted title #}\nThe best.\n", "x.md")
    report = claims.report(hits)
    assert 'x.md:1: absolute: "It cures." (REFUSED)' in report
    assert 'x.md:2: authority: "Clinically proven." (allowed: a quoted title)' in report
    assert "absolute               1       0" in report and "superiority            1       0" in report
    assert "authority              0       1" in report
    result = subprocess.run([sys.executable, "-m", "clinicsites.cli", "claims"], cwd=REPO, capture_output=True,
                            text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "rule             refused allowed" in result.stdout


def test_every_category_the_corpus_uses_is_a_category_of_the_rules():
    names = set(claims.load_rules().categories)
    assert names == {"absolute", "efficacy", "scope", "comparison", "safety", "authority", "speed", "numbers",
                     "testimonial", "mechanism", "superiority"}  # fmt: skip
    used = {entry["category"] for path in CORPUS.glob("claims-*.yaml") for entry in yaml.safe_load(path.read_text())}
    assert used <= names | {"none"}


def test_rules_are_compiled_once_per_rules_file_content(tmp_path):
    copy = tmp_path / "claims.yaml"
    copy.write_bytes(Path(claims.RULES_FILE).read_bytes())
    assert claims.load_rules(copy) is claims.load_rules()  # same bytes, same compiled rules, whatever the path
    copy.write_bytes(copy.read_bytes() + b"\n# a comment changes the bytes\n")
    assert claims.load_rules(copy) is not claims.load_rules()

#!/usr/bin/python3
"""Reference implementation of GutSkin's statistics, for test fixtures and speed baselines.

A deliberately plain numpy/scipy/statsmodels transcription of PRODUCT.md "Statistics":
  association  b = r*s_y/s_x on centred, power-of-two-scaled values; effective days from Bartlett's sum under
               rho(k) = c*phi^k fitted to the lag-1 and lag-2 autocorrelations; Student t p (scipy.stats.t.sf)
               and 95% CI (t quantile from scipy.special.betaincinv: see t_upper)
  q-values     statsmodels.stats.multitest.multipletests(p, method="fdr_bh")
  experiments  slope of the outcome on the 0/1 intervention indicator, same uncertainty

Usage (Debian's Python, which sees python3-numpy/scipy/statsmodels):
  /usr/bin/python3 reference.py generate            # rewrite the fixtures beside this script
  /usr/bin/python3 reference.py analyze FILE.csv [--max-lag N]
      prints the insights JSON document for a journal CSV (header date,item,value);
      keys outside the built-in catalog count as custom numeric habits, in order of first appearance,
      labelled with the key's underscores as spaces and unit "unit" (as the app's analyze command does).
"""
import csv
import datetime as dt
import json
import math
import os
import sys

import numpy as np
from scipy import special, stats
from statsmodels.stats.multitest import multipletests

HERE = os.path.dirname(os.path.abspath(__file__))

# key, label, group, kind, min, max  (PRODUCT.md "Tracked items")
CATALOG = [
    ("redness", "Redness / rosacea", "skin", "severity", 0, 10),
    ("breakouts", "Breakouts / acne", "skin", "severity", 0, 10),
    ("dryness", "Dry, flaky or inflamed patches", "skin", "severity", 0, 10),
    ("eczema", "Eczema flare", "skin", "severity", 0, 10),
    ("psoriasis", "Psoriasis flare", "skin", "severity", 0, 10),
    ("itch", "Itch", "skin", "severity", 0, 10),
    ("bloating", "Bloating", "gut", "severity", 0, 10),
    ("constipation", "Constipation", "gut", "severity", 0, 10),
    ("irregular_digestion", "Irregular digestion", "gut", "severity", 0, 10),
    ("stool_form", "Stool form (Bristol scale)", "gut", "scale", 1, 7),
    ("probiotic_supplement", "Took a probiotic supplement", "habit", "yesno", 0, 1),
    ("fermented_foods", "Fermented foods (yoghurt, kefir, kimchi\u2026)", "habit", "servings", 0, 20),
    ("prebiotic_foods", "Prebiotic-rich foods", "habit", "servings", 0, 20),
    ("sugary_foods", "Sugary foods and drinks", "habit", "servings", 0, 20),
    ("processed_foods", "Processed foods", "habit", "servings", 0, 20),
    ("water", "Water", "habit", "litres", 0, 10),
    ("stress", "Stress", "habit", "severity", 0, 10),
    ("sleep", "Sleep", "habit", "hours", 0, 24),
    ("antibiotics", "Took antibiotics", "habit", "yesno", 0, 1),
    ("illness", "Felt ill", "habit", "yesno", 0, 1),
]
UNITS = {"severity": "point", "scale": "point", "yesno": "", "servings": "serving", "litres": "L", "hours": "h"}
GUT_SCORE_KEYS = ["bloating", "constipation", "irregular_digestion"]
MIN_ROWS, MIN_SIDE, Q_FINDING, MIN_NEFF = 14, 10, 0.10, 3.0
PERFECT_FIT = 1e-15
MAX_PHI = 0.99
SMALLEST_NORMAL = 2.2250738585072014e-308
OUT_OF_RANGE = {
    "tooLarge": "The values are too large to compare: the effect or its interval would pass about 1.8e308, "
                "the largest number the analysis can hold.",
    "tooSmall": "The values are too small to compare: the standard error would fall below about 2.2e-308, "
                "the smallest number the analysis can hold precisely.",
}
MORE_DAYS_CAP = 3650


def builtin_items():
    return [dict(key=k, label=l, group=g, yesno=(kind == "yesno"), unit=UNITS[kind]) for k, l, g, kind, _, _ in CATALOG]


# ---------------------------------------------------------------- statistics

def association(x, y):
    """All statistics of one test; x, y float arrays of paired rows in date order.

    Computed on centred values scaled by a power of two (exact), so that squares neither overflow nor underflow for
    any finite values; the effect, SE and interval are scaled back at the end. `magnitude` is None when they fit in a
    double, else "tooLarge" (beyond ~1.8e308) or "tooSmall" (SE below ~2.2e-308, the full-precision range).
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(x)
    dx, ex = scaled_centred(x)
    dy, ey = scaled_centred(y)
    sxx, syy = float(np.dot(dx, dx)), float(np.dot(dy, dy))
    r = float(np.clip(np.dot(dx, dy) / math.sqrt(sxx * syy), -1.0, 1.0))
    ratio = math.sqrt(syy / sxx)  # s_y / s_x of the scaled values
    fx, fy = streak_model(dx), streak_model(dy)
    neff = effective_days(n, fx, fy)
    df = neff - 2
    shift = ey - ex  # b = b_scaled * 2^(ey - ex)
    b_scaled = r * ratio
    b = scale_back(b_scaled, shift)
    one_minus_r2 = 1 - r * r
    if one_minus_r2 <= PERFECT_FIT:
        se, t, p, lo, hi = 0.0, math.copysign(math.inf, b), 0.0, b, b
        magnitude = "tooLarge" if math.isinf(b) else "tooSmall" if b_scaled != 0 and abs(b) < SMALLEST_NORMAL else None
    else:
        se_scaled = ratio * math.sqrt(one_minus_r2 / df)
        t = b_scaled / se_scaled
        p = min(1.0, float(2 * stats.t.sf(abs(t), df)))
        q = t_upper(0.025, df)
        se = scale_back(se_scaled, shift)
        lo, hi = scale_back(b_scaled - q * se_scaled, shift), scale_back(b_scaled + q * se_scaled, shift)
        magnitude = "tooLarge" if any(math.isinf(v) for v in (b, se, lo, hi)) else "tooSmall" if se < SMALLEST_NORMAL else None
    return dict(n=n, r=r, effect=b,
                rhoFactor=fx[0], rho2Factor=fx[1], cFactor=fx[2], phiFactor=fx[3],
                rhoOutcome=fy[0], rho2Outcome=fy[1], cOutcome=fy[2], phiOutcome=fy[3],
                effectiveDays=neff, degreesOfFreedom=df,
                standardError=se, t=t, pValue=p, ciLow=lo, ciHigh=hi, magnitude=magnitude)


def scaled_centred(v):
    """(v * 2^-e - mean, e) with 2^e the power of two that brings max|v| into [1, 2), e >= -1022."""
    m = float(np.max(np.abs(v)))
    e = max(math.frexp(m)[1] - 1, -1022) if m > 0 else 0
    s = np.ldexp(v, -e)
    return s - s.mean(), e


def scale_back(v, k):
    try:
        return math.ldexp(v, k)
    except OverflowError:
        return math.copysign(math.inf, v)


def streak_model(d):
    """(rho1, rho2, c, phi) of centred values d: lag-1 and lag-2 autocorrelations and the model rho(k) = c*phi^k."""
    s = float(np.dot(d, d))
    rho1 = float(np.dot(d[:-1], d[1:])) / s
    rho2 = float(np.dot(d[:-2], d[2:])) / s
    if rho1 > 0 and rho2 > rho1 * rho1:
        phi = min(rho2 / rho1, MAX_PHI)
        return rho1, rho2, rho1 / phi, phi
    return rho1, rho2, 1.0, min(max(rho1, -MAX_PHI), MAX_PHI)


def effective_days(n, fx, fy):
    """Bartlett's sum for two series with rho(k) = c*phi^k: n / (1 + 2 cx cy a / (1 - a)), a = phi_x phi_y."""
    if fx[0] * fy[0] <= 0:
        return float(n)
    a = fx[3] * fy[3]
    return max(n / (1 + 2 * fx[2] * fy[2] * a / (1 - a)), MIN_NEFF)


def effective_days_lag1(n, rho_x, rho_y):
    """The earlier rule (lag 1 only, AR(1)): n (1 - rx ry) / (1 + rx ry) when rx ry > 0; for the simulation's comparison."""
    prod = rho_x * rho_y
    return max(n * (1 - prod) / (1 + prod) if prod > 0 else float(n), MIN_NEFF)


def t_upper(tail, df):
    """x with P(T > x) = tail under Student's t(df), to full double precision.

    scipy.stats.t.ppf goes through cdflib's stdtrit, a root finder that stops at about 1e-9 relative (its t.sf at
    the answer is off by up to 5e-9 relative), short of the 1e-9 agreement the tests ask for. Inverting the
    regularized incomplete beta function, P(T > x) = I(df/(df+x^2); df/2, 1/2)/2, is exact to rounding.
    """
    x = float(special.betaincinv(df / 2, 0.5, 2 * tail))
    return math.sqrt(df * (1 / x - 1))


def bh(p):
    if len(p) == 0:
        return []
    return [float(q) for q in multipletests(np.asarray(p, dtype=float), method="fdr_bh")[1]]


def more_days_solve(distance, se, n, neff, alpha):
    """Mirror of MoreDays: days for the CI to clear a boundary at `distance` with 80% power, effect as estimated."""
    if distance <= 0:
        return MORE_DAYS_CAP
    if se == 0:
        return 0
    per = n / neff
    df = neff - 2
    target = neff
    for _ in range(8):
        mult = t_upper(alpha / 2, max(df, 1.0)) + float(stats.norm.ppf(0.80))
        ratio = se / (distance / mult)
        previous = target
        target = 2 + (neff - 2) * ratio * ratio
        if target * per > 10.0 * MORE_DAYS_CAP:
            return MORE_DAYS_CAP
        df = target - 2
        if abs(target - previous) <= 1e-9 * target:
            break
    return int(min(max(math.ceil(target * per - n - 1e-9), 0), MORE_DAYS_CAP))


def more_days_to_settle(effect, se, n, neff, band=0.5):
    m = abs(effect)
    to_zero = more_days_solve(m, se, n, neff, 0.05)
    to_band = more_days_solve(band - m, se, n, neff, 0.05) if m < band else MORE_DAYS_CAP
    return min(to_zero, to_band)


# ---------------------------------------------------------------- sensitivity of an experiment's verdict

WINDOWS, ALL_DAYS, RECENT_DAYS, MIN_NEFF_TREND = [14, 28, 56], 180, 7, 4.0
DEPENDS_ON_BEFORE = "Depends on which days count as before"


def verdict_of(lo, hi, lower_is_better=True):
    better = hi < 0 if lower_is_better else lo > 0
    worse = lo > 0 if lower_is_better else hi < 0
    if lo >= -0.5 and hi <= 0.5:
        return "noMeaningfulChange"
    return "helped" if better else "worse" if worse else "notYetClear"


def level_change(t, on, y):
    """Segmented regression y = a + b t + c I by statsmodels OLS; SE of c with effective days of the residuals.

    The effective days come from Bartlett's sum (effective_days) for the indicator with the intercept and trend
    regressed out (the part c is estimated from) and the OLS residuals, never below 4; SE = sqrt(RSS/(neff-3)/S_ii),
    Student t with neff - 3 degrees of freedom.
    """
    import statsmodels.api as sm
    t, on, y = (np.asarray(v, dtype=float) for v in (t, on, y))
    n = len(y)
    X = np.column_stack([np.ones(n), t, on])
    fit = sm.OLS(y, X).fit()
    c, b = float(fit.params[2]), float(fit.params[1])
    e = np.asarray(fit.resid, dtype=float)
    i_tilde = np.asarray(sm.OLS(on, X[:, :2]).fit().resid, dtype=float)
    sii, rss = float(np.dot(i_tilde, i_tilde)), float(np.dot(e, e))
    fi, fe = streak_model(i_tilde), streak_model(e)
    neff = max(effective_days(n, fi, fe), MIN_NEFF_TREND)
    df = neff - 3
    se = math.sqrt(rss / df / sii)
    q = t_upper(0.025, df)
    p = min(1.0, float(2 * stats.t.sf(abs(c / se), df)))
    return dict(n=n, effect=c, slope=b, effectiveDays=neff, degreesOfFreedom=df, standardError=se, pValue=p,
                ciLow=c - q * se, ciHigh=c + q * se,
                rhoIndicator=fi[0], phiIndicator=fi[3], rhoResiduals=fe[0], phiResiduals=fe[3])


def trend_row(outcome, blocks, end, onset, lower_is_better=True):
    on, excluded, start, ndays = phases(blocks, end, onset)
    t, x, y = [], [], []
    for i in range(ndays):
        d = start + dt.timedelta(days=i)
        if not excluded[i] and d in outcome:
            t.append(float(i))
            x.append(1.0 if on[i] else 0.0)
            y.append(outcome[d])
    baseline = sum(1 for v in x if v == 0)
    row = dict(window="trend", baselineDays=baseline, n=len(y))
    if baseline < 7 or len(y) - baseline < 7:
        return dict(row, effect=None, ciLow=None, ciHigh=None, verdict="notEnoughData")
    f = level_change(t, x, y)
    return dict(row, effect=f["effect"], ciLow=f["ciLow"], ciHigh=f["ciHigh"],
                verdict=verdict_of(f["ciLow"], f["ciHigh"], lower_is_better), detail=f)


def sensitivity(outcome, blocks, end, onset, primary, lower_is_better=True):
    """Windows 14/28/56/all and the trend row (A-B), the rule, and the flare check. See docs/statistics.md."""
    rows, flare = [], None
    ab = len(blocks) == 2 and not blocks[0][1] and blocks[1][1]
    if ab:
        switch = blocks[1][0]
        for w in WINDOWS:
            r = experiment(outcome, None, [(switch - dt.timedelta(days=w), False), blocks[1]], end, onset, lower_is_better)
            rows.append(dict(window=str(w), baselineDays=r["baselineDays"], n=r["n"], effect=r["effect"],
                             ciLow=r["ciLow"], ciHigh=r["ciHigh"], verdict=r["verdict"]))
        all_blocks = [(min(blocks[0][0], switch - dt.timedelta(days=ALL_DAYS)), False), blocks[1]]
        r = experiment(outcome, None, all_blocks, end, onset, lower_is_better)
        rows.append(dict(window="all", baselineDays=r["baselineDays"], n=r["n"], effect=r["effect"],
                         ciLow=r["ciLow"], ciHigh=r["ciHigh"], verdict=r["verdict"]))
        rows.append(trend_row(outcome, all_blocks, end, onset, lower_is_better))
        own = [v for d, v in outcome.items() if switch - dt.timedelta(days=ALL_DAYS) <= d < switch]
        recent = [v for d, v in outcome.items() if switch - dt.timedelta(days=RECENT_DAYS) <= d < switch]
        if len(own) >= 14 and len(recent) >= 3:
            m, sd, rm = float(np.mean(own)), float(np.std(own, ddof=1)), float(np.mean(recent))
            worse_by = rm - m if lower_is_better else m - rm
            flare = dict(recentDays=len(recent), recentMean=rm, ownDays=len(own), ownMean=m, ownSd=sd,
                         duringFlare=bool(worse_by > sd))
    else:
        rows.append(trend_row(outcome, blocks, end, onset, lower_is_better))
    verdict, reason = primary["verdict"], None
    if verdict in ("helped", "worse"):
        sign = 1 if primary["effect"] > 0 else -1
        against = [r["window"] for r in rows if r["window"] != "trend" and r["effect"] is not None
                   and np.sign(r["effect"]) != sign]
        trend = rows[-1]
        holds = trend["effect"] is not None and (trend["ciHigh"] < 0 if sign < 0 else trend["ciLow"] > 0)
        if against or not holds:
            verdict, reason = "notYetClear", DEPENDS_ON_BEFORE
    return dict(rows=rows, verdict=verdict, downgraded=reason is not None, flare=flare)


# ---------------------------------------------------------------- journal and insights

def day(s):
    return dt.date.fromisoformat(s)


def build_series(items, values):
    """Dense arrays (NaN = missing) over first..last logged day, plus skin_score and gut_score."""
    keys = [i["key"] for i in items]
    if not values:
        return None, 0, {}
    first = min(d for d, _, _ in values)
    last = max(d for d, _, _ in values)
    days = (last - first).days + 1
    series = {k: np.full(days, np.nan) for k in keys}
    for d, k, v in values:
        series[k][(d - first).days] = v  # a later value replaces an earlier one

    def mean_of(component_keys):
        out = np.full(days, np.nan)
        for i in range(days):
            total, count = 0.0, 0
            for k in component_keys:
                v = series[k][i]
                if not math.isnan(v):
                    total += v
                    count += 1
            if count:
                out[i] = total / count
        return out

    series["skin_score"] = mean_of([i["key"] for i in items if i["group"] == "skin"])
    series["gut_score"] = mean_of([k for k in GUT_SCORE_KEYS if k in series])
    return first, days, series


def analyze(items, values, max_lag=3, date_from=None, date_to=None):
    all_items = list(items) + [dict(key="skin_score", label="Skin score", group="skin", yesno=False, unit="point"),
                               dict(key="gut_score", label="Gut score", group="gut", yesno=False, unit="point")]
    first, days, series = build_series(items, values)
    empty = dict(maxLag=max_lag, associations=[], notTested=[], findings=[])
    if first is None:
        return empty
    lo = max(0, (date_from - first).days) if date_from else 0
    hi = min(days - 1, (date_to - first).days) if date_to else days - 1
    if lo > hi:
        return empty
    window = {k: v[lo:hi + 1] for k, v in series.items()}
    present = [i for i in all_items if not np.all(np.isnan(window[i["key"]]))]
    habits = [i for i in present if i["group"] in ("habit", "treatment")]  # treatments are factors, like habits
    skin = [i for i in present if i["group"] == "skin"]
    gut = [i for i in present if i["group"] == "gut"]
    plan = [(h, o) for h in habits for o in skin + gut] + [(g, o) for g in gut for o in skin]

    tested, not_tested = [], []
    for f_item, o_item in plan:
        f, o = window[f_item["key"]], window[o_item["key"]]
        for lag in range(max_lag + 1):
            fx = f[:len(f) - lag]
            oy = o[lag:]
            mask = ~np.isnan(fx) & ~np.isnan(oy)
            x, y = fx[mask], oy[mask]
            reason = why_not_tested(f_item, o_item, x, y)
            result = None
            if not reason:
                result = association(x, y)
                if result["magnitude"]:
                    reason = dict(kind="outOfRange", missingDays=None, reason=OUT_OF_RANGE[result["magnitude"]])
            base = dict(factor=f_item["key"], outcome=o_item["key"], lagDays=lag)
            if reason:
                not_tested.append(dict(base, n=int(len(x)), **reason))
            else:
                del result["magnitude"]
                tested.append((f_item, o_item, dict(base, **result)))

    q = bh([t[2]["pValue"] for t in tested])
    associations, findings = [], []
    for idx, ((f_item, o_item, a), qv) in enumerate(zip(tested, q)):
        a["qValue"] = qv
        associations.append(a)
        if qv <= Q_FINDING:
            findings.append((qv, a["pValue"], idx, f_item, o_item, a))
    findings.sort(key=lambda t: (t[0], t[1], t[2]))
    return dict(
        maxLag=max_lag,
        associations=associations,
        notTested=not_tested,
        findings=[dict(factor=a["factor"], outcome=a["outcome"], lagDays=a["lagDays"],
                       text=finding_text(f, o, a), effect=a["effect"], ciLow=a["ciLow"], ciHigh=a["ciHigh"],
                       n=a["n"], pValue=a["pValue"], qValue=a["qValue"], isGutSkinLink=f["group"] == "gut")
                  for _, _, _, f, o, a in findings])


def plural(count, noun):
    return f"1 {noun}" if count == 1 else f"{count} {noun}s"


def number(v):
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def why_not_tested(f_item, o_item, x, y):
    n = len(x)
    if n < MIN_ROWS:
        missing = MIN_ROWS - n
        return dict(kind="tooFewDays", missingDays=missing,
                    reason=f"Only {plural(n, 'paired day')}; log {plural(missing, 'more day')} of both.")
    if f_item["yesno"]:
        yes = int(np.count_nonzero(x != 0))
        no = n - yes
        if min(yes, no) < MIN_SIDE:
            yes_short = yes <= no
            have = yes if yes_short else no
            side = "with" if yes_short else "without"
            missing = MIN_SIDE - have
            return dict(kind="tooFewYesDays" if yes_short else "tooFewNoDays", missingDays=missing,
                        reason=f"Only {plural(have, 'paired day')} {side} {yes_no_noun(f_item)}; "
                               f"log {plural(missing, 'more day')} {side} it.")
    if np.all(x == x[0]):
        return dict(kind="factorConstant", missingDays=None,
                    reason=f"{f_item['label']} was {number(x[0])} on all {n} paired days; it has to vary to be compared.")
    if np.all(y == y[0]):
        return dict(kind="outcomeConstant", missingDays=None,
                    reason=f"{o_item['label']} was {number(y[0])} on all {n} paired days; it has to vary to be compared.")
    return None


# ---------------------------------------------------------------- finding sentences (mirror of Phrases.cs)

NOT_PROOF = "An association in your own records is not proof that one causes the other."
LAG_WORDS = ["", "The day", "Two days", "Three days", "Four days", "Five days", "Six days", "Seven days", "Eight days",
             "Nine days", "Ten days", "Eleven days", "Twelve days", "Thirteen days", "Fourteen days"]
MORE = {"fermented_foods": "more fermented foods", "prebiotic_foods": "more prebiotic-rich foods",
        "sugary_foods": "more sugary foods and drinks", "processed_foods": "more processed foods",
        "water": "more water", "stress": "more stress", "sleep": "more sleep", "bloating": "more bloating",
        "constipation": "more constipation", "irregular_digestion": "more irregular digestion",
        "stool_form": "a higher stool form (Bristol) score", "gut_score": "a higher gut score"}
YES_NO = {"probiotic_supplement": ("you took a probiotic supplement", "a probiotic supplement"),
          "antibiotics": ("you took antibiotics", "antibiotics"), "illness": ("you felt ill", "feeling ill")}
OUTCOMES = {"redness": ("redness", False), "breakouts": ("breakouts", True),
            "dryness": ("dry or inflamed patches", True), "eczema": ("eczema", False),
            "psoriasis": ("psoriasis", False), "itch": ("itch", False), "bloating": ("bloating", False),
            "constipation": ("constipation", False), "irregular_digestion": ("irregular digestion", False),
            "stool_form": ("stool form score", False), "skin_score": ("overall skin score", False),
            "gut_score": ("overall gut score", False)}


def lower(label):
    if label == "" or (len(label) > 1 and label[1].isupper()):
        return label
    return label[0].lower() + label[1:]


def yes_no_noun(item):
    return YES_NO[item["key"]][1] if item["key"] in YES_NO else lower(item["label"])


def finding_text(f, o, a):
    effect, lo, hi, n, lag = a["effect"], a["ciLow"], a["ciHigh"], a["n"], a["lagDays"]
    higher = effect >= 0
    low, high = (lo, hi) if higher else (-hi, -lo)
    mag = abs(effect)
    decimals = 1 if mag <= 0 else min(max(int(-math.floor(math.log10(mag))), 1), 3)
    fmt = lambda v: f"{v:.{decimals}f}".removeprefix("-") if round(v, decimals) == 0 else f"{v:.{decimals}f}"
    noun, many = OUTCOMES.get(o["key"], (lower(o["label"]), False))
    unit = "points" if o["unit"] in ("", "point") else o["unit"]
    change = f"your {noun} {'were' if many else 'was'} {fmt(mag)} {unit} {'higher' if higher else 'lower'}"
    interval = f"(95% CI {fmt(low)} to {fmt(high)}, {n} days)"
    if f["yesno"]:
        clause = YES_NO[f["key"]][0] if f["key"] in YES_NO else "you logged " + lower(f["label"])
        s = (f"On days when {clause}, {change} than on other days {interval}." if lag == 0
             else f"{LAG_WORDS[lag]} after {clause}, {change} than otherwise {interval}.")
    else:
        more = MORE.get(f["key"], "more " + lower(f["label"]))
        per = "per " + {"": "unit", "L": "litre", "h": "hour"}.get(f["unit"], f["unit"])
        s = (f"On days with {more}, {change} {per} {interval}." if lag == 0
             else f"{LAG_WORDS[lag]} after {more}, {change} {per} {interval}.")
    return s + " " + NOT_PROOF


# ---------------------------------------------------------------- experiments

def phases(blocks, end, onset):
    """(on, excluded, start, ndays): per day from the first block's start to end, whether the intervention is on and
    whether the day is an onset / wash-out day left out."""
    start = blocks[0][0]
    ndays = (end - start).days + 1
    on = [False] * ndays
    excluded = [False] * ndays
    run_start, exclude_run = 0, blocks[0][1]
    for b, (bstart, bon) in enumerate(blocks):
        s = (bstart - start).days
        if b > 0 and bon != blocks[b - 1][1]:
            run_start, exclude_run = s, True
        e = (blocks[b + 1][0] - start).days - 1 if b + 1 < len(blocks) else ndays - 1
        for i in range(s, e + 1):
            on[i] = bon
            excluded[i] = exclude_run and i - run_start < onset
    return on, excluded, start, ndays


def experiment(outcome, intervention, blocks, end, onset, lower_is_better=True):
    """outcome/intervention: dict date -> value; blocks: [(start date, on bool)]."""
    on, excluded, start, ndays = phases(blocks, end, onset)
    xs, ys = [], []
    n_excluded = sum(excluded)
    on_days = sum(on)
    taken = 0
    for i in range(ndays):
        d = start + dt.timedelta(days=i)
        if on[i] and intervention is not None and intervention.get(d, 0) > 0:
            taken += 1
        if excluded[i] or d not in outcome:
            continue
        xs.append(1.0 if on[i] else 0.0)
        ys.append(outcome[d])
    x, y = np.array(xs), np.array(ys)
    baseline = int(np.sum(x == 0))
    treated = int(np.sum(x == 1))
    res = dict(n=len(x), baselineDays=baseline, interventionDays=treated, excludedDays=n_excluded,
               adherence=(taken / on_days) if intervention is not None and on_days else None,
               baselineMean=float(y[x == 0].mean()) if baseline else None,
               interventionMean=float(y[x == 1].mean()) if treated else None)
    if baseline < 7 or treated < 7:
        res.update(effectiveDays=0.0, effect=None, standardError=None, ciLow=None, ciHigh=None, pValue=None,
                   verdict="notEnoughData", moreDaysNeeded=max(0, 7 - baseline) + max(0, 7 - treated))
        return res
    if np.all(y == y[0]):
        res.update(effectiveDays=float(len(x)), effect=0.0, standardError=0.0, ciLow=0.0, ciHigh=0.0, pValue=1.0,
                   verdict="noMeaningfulChange", moreDaysNeeded=None)
        return res
    a = association(x, y)
    if a["magnitude"] == "tooLarge":
        raise ValueError(OUT_OF_RANGE["tooLarge"])
    lo, hi = a["ciLow"], a["ciHigh"]
    better = hi < 0 if lower_is_better else lo > 0
    worse = lo > 0 if lower_is_better else hi < 0
    if lo >= -0.5 and hi <= 0.5:
        verdict = "noMeaningfulChange"
    elif better:
        verdict = "helped"
    elif worse:
        verdict = "worse"
    else:
        verdict = "notYetClear"
    more = max(1, more_days_to_settle(a["effect"], a["standardError"], a["n"], a["effectiveDays"])) \
        if verdict == "notYetClear" else None
    res.update(effectiveDays=a["effectiveDays"], effect=a["effect"], standardError=a["standardError"], ciLow=lo,
               ciHigh=hi, pValue=a["pValue"], verdict=verdict, moreDaysNeeded=more)
    return res


# ---------------------------------------------------------------- CSV

def read_csv(path):
    values, custom = [], []
    known = {k for k, *_ in CATALOG}
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        if [h.strip() for h in header] != ["date", "item", "value"]:
            raise SystemExit(f"{path}: header must be date,item,value")
        for row in reader:
            if not row:
                continue
            d, k, v = day(row[0].strip()), row[1].strip(), float(row[2])
            if k not in known and k not in custom:
                custom.append(k)
            values.append((d, k, v))
    return values, custom


def write_csv(path, values):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        fh.write("date,item,value\n")
        for d, k, v in values:
            fh.write(f"{d.isoformat()},{k},{repr(float(v)) if v != int(v) else int(v)}\n")


# ---------------------------------------------------------------- fixture generation

def ar1(rng, n, rho, scale=1.0):
    out = np.empty(n)
    out[0] = rng.normal(0, scale)
    for i in range(1, n):
        out[i] = rho * out[i - 1] + rng.normal(0, scale) * math.sqrt(1 - rho * rho)
    return out


def clip_round(v, lo, hi, step=1.0):
    return float(min(max(round(v / step) * step, lo), hi))


def journal_cases():
    start = dt.date(2026, 1, 1)
    cases = []

    def days(n, s=start):
        return [s + dt.timedelta(days=i) for i in range(n)]

    # 1. Mixed habits with planted effects, 10% missing days and 5% missing values.
    rng = np.random.RandomState(101)
    n = 90
    sugar = np.clip(np.round(2 + 1.5 * ar1(rng, n, 0.4)), 0, 20)
    probiotic = (rng.uniform(size=n) < 0.5).astype(float)
    sleep = np.round(7 + ar1(rng, n, 0.5), 1)
    bloat = np.clip(np.round(3 + 0.6 * sugar + ar1(rng, n, 0.3)), 0, 10)
    breakouts = np.empty(n)
    redness = np.empty(n)
    for i in range(n):
        breakouts[i] = 2 + (0.8 * sugar[i - 2] if i >= 2 else 0) + rng.normal(0, 0.8)
        redness[i] = 5 - (1.2 * probiotic[i - 1] if i >= 1 else 0) + rng.normal(0, 0.9)
    breakouts = np.clip(np.round(breakouts), 0, 10)
    redness = np.clip(np.round(redness, 1), 0, 10)
    vals = []
    for i, d in enumerate(days(n)):
        if rng.uniform() < 0.10:
            continue
        for k, v in (("sugary_foods", sugar[i]), ("probiotic_supplement", probiotic[i]), ("sleep", sleep[i]),
                     ("bloating", bloat[i]), ("breakouts", breakouts[i]), ("redness", redness[i])):
            if rng.uniform() >= 0.05:
                vals.append((d, k, float(v)))
    cases.append(("mixed_planted_effects", "Habits with planted lag-1/lag-2 effects, missing days and values", vals, [], 3, None, None))

    # 2. Gaps: lags must cross whole missing weeks by calendar day.
    rng = np.random.RandomState(202)
    n = 100
    stress = np.clip(np.round(4 + 2 * ar1(rng, n, 0.6)), 0, 10)
    itch = np.clip(np.round(3 + 0.5 * np.roll(stress, 1) + rng.normal(0, 1, n)), 0, 10)
    water = np.round(np.clip(1.5 + 0.5 * ar1(rng, n, 0.2), 0, 10), 2)
    vals = []
    for i, d in enumerate(days(n)):
        if 20 <= i < 27 or 50 <= i < 53 or i % 11 == 5:
            continue
        vals += [(d, "stress", stress[i]), (d, "itch", itch[i]), (d, "water", water[i])]
        if i % 4 != 0:
            vals.append((d, "eczema", float(np.clip(round(2 + rng.normal(0, 1.5)), 0, 10))))
    cases.append(("gaps_calendar_lags", "Whole missing weeks and scattered gaps; lags 0-5 cross them", vals, [], 5, None, None))

    # 3. Yes/no sides: exactly 9 and 10 yes-days at lag 0; 9 and 10 no-days for another factor.
    rng = np.random.RandomState(303)
    n = 40
    ds = days(n)
    anti = np.zeros(n); anti[rng.choice(n, 9, replace=False)] = 1
    ill = np.zeros(n); ill[rng.choice(n, 10, replace=False)] = 1
    pro = np.ones(n); pro[rng.choice(n, 9, replace=False)] = 0
    dryness = np.clip(np.round(4 + rng.normal(0, 1.5, n)), 0, 10)
    vals = []
    for i, d in enumerate(ds):
        vals += [(d, "antibiotics", anti[i]), (d, "illness", ill[i]), (d, "probiotic_supplement", pro[i]),
                 (d, "dryness", dryness[i])]
    cases.append(("yes_no_sides", "Yes/no factors with 9 and 10 days on one side", vals, [], 2, None, None))

    # 4. Exactly 13 and 14 rows.
    rng = np.random.RandomState(404)
    n = 30
    ds = days(n)
    vals = [(d, "processed_foods", float(rng.randint(0, 5))) for d in ds]
    pso_days = sorted(rng.choice(n, 14, replace=False))
    itch_days = sorted(rng.choice(n, 13, replace=False))
    vals += [(ds[i], "psoriasis", float(rng.randint(0, 8))) for i in pso_days]
    vals += [(ds[i], "itch", float(rng.randint(0, 8))) for i in itch_days]
    cases.append(("thirteen_fourteen_rows", "Outcomes logged on exactly 14 and 13 days", vals, [], 1, None, None))

    # 5. Constant series.
    rng = np.random.RandomState(505)
    n = 30
    vals = []
    for d in days(n):
        vals += [(d, "water", 2.0), (d, "itch", 0.0), (d, "sleep", float(rng.randint(5, 10))),
                 (d, "eczema", float(rng.randint(0, 6)))]
    cases.append(("constant_series", "A constant factor and a constant outcome", vals, [], 1, None, None))

    # 6. Negative autocorrelation (alternating days) against positive and negative partners.
    rng = np.random.RandomState(606)
    n = 60
    alt = np.array([4 + 3 * (i % 2) for i in range(n)], dtype=float) + rng.normal(0, 0.7, n)
    smooth = 4 + 2 * ar1(rng, n, 0.8)
    vals = []
    for i, d in enumerate(days(n)):
        vals += [(d, "fermented_foods", round(float(np.clip(alt[i], 0, 20)), 1)),
                 (d, "prebiotic_foods", round(float(np.clip(smooth[i], 0, 20)), 1)),
                 (d, "redness", round(float(np.clip(3 + 0.3 * alt[i] + rng.normal(0, 1), 0, 10)), 1)),
                 (d, "breakouts", round(float(np.clip(5 - 0.2 * alt[i] + (i % 2) + rng.normal(0, 1), 0, 10)), 1)),
                 (d, "constipation", round(float(np.clip(2 + 0.5 * smooth[i] + rng.normal(0, 1), 0, 10)), 1))]
    cases.append(("negative_autocorrelation", "Alternating series: rho < 0, products of either sign", vals, [], 2, None, None))

    # 7. Heavy ties on a 0-3 scale.
    rng = np.random.RandomState(707)
    n = 50
    vals = []
    for d in days(n):
        s = float(rng.randint(0, 4))
        vals += [(d, "stress", s), (d, "breakouts", float(min(3, max(0, s + rng.randint(-1, 2))))),
                 (d, "stool_form", float(rng.randint(3, 5)))]
    cases.append(("ties", "Few distinct values, many ties", vals, [], 3, None, None))

    # 8. Custom items: a custom habit, a custom yes/no habit and a custom skin item in skin_score.
    rng = np.random.RandomState(808)
    n = 70
    dairy = np.clip(np.round(1 + ar1(rng, n, 0.3)), 0, 20)
    moist = (rng.uniform(size=n) < 0.4).astype(float)
    vals = []
    for i, d in enumerate(days(n)):
        chin = float(np.clip(round(2 + 0.9 * (dairy[i - 1] if i else 0) + rng.normal(0, 0.7)), 0, 10))
        vals += [(d, "dairy", dairy[i]), (d, "new_moisturiser", moist[i]), (d, "chin_spots", chin)]
        if i % 3:
            vals.append((d, "redness", float(np.clip(round(4 - moist[i] + rng.normal(0, 1)), 0, 10))))
        if i % 5 == 0:
            vals.append((d, "bloating", float(rng.randint(0, 7))))
            vals.append((d, "irregular_digestion", float(rng.randint(0, 7))))
    custom = [dict(key="dairy", label="Dairy", group="habit", yesno=False, unit="serving"),
              dict(key="new_moisturiser", label="Used the new moisturiser", group="habit", yesno=True, unit=""),
              dict(key="chin_spots", label="Chin spots", group="skin", yesno=False, unit="point")]
    cases.append(("custom_items", "Custom habit, custom yes/no habit and custom skin item (part of skin_score)", vals, custom, 2, None, None))

    # 9. Smooth trends: effective days hit the floor of 3.
    rng = np.random.RandomState(909)
    n = 30
    vals = []
    for i, d in enumerate(days(n)):
        vals += [(d, "sleep", round(7 + 1.5 * math.sin(i / 6) + rng.normal(0, 0.05), 2)),
                 (d, "eczema", round(4 + 2 * math.sin(i / 6 + 0.3) + rng.normal(0, 0.05), 2))]
    cases.append(("smooth_trends", "Strongly autocorrelated series: effective days floored at 3", vals, [], 1, None, None))

    # 10. A window and a longer lag.
    rng = np.random.RandomState(1010)
    n = 120
    sugar = np.clip(np.round(2 + 1.5 * ar1(rng, n, 0.3)), 0, 20)
    vals = []
    for i, d in enumerate(days(n)):
        vals.append((d, "sugary_foods", sugar[i]))
        vals.append((d, "breakouts", float(np.clip(round(3 + (0.7 * sugar[i - 4] if i >= 4 else 0) + rng.normal(0, 1)), 0, 10))))
        if rng.uniform() < 0.7:
            vals.append((d, "gut_score_part", 0.0) if False else (d, "bloating", float(rng.randint(0, 6))))
    cases.append(("window_long_lag", "from/to window and lags 0-7", vals, [], 7, start + dt.timedelta(days=10), start + dt.timedelta(days=100)))

    # 11. Extreme magnitudes: custom items logged in tiny, huge, subnormal and mixed sizes, against ordinary ones.
    # Some pairs compute (an effect near 1e170 per unit), others leave the range of a double ("outOfRange").
    rng = np.random.RandomState(1111)
    n = 60
    dose = 3 + np.round(1.5 * ar1(rng, n, 0.5))
    count = 5 + np.round(2 * ar1(rng, n, 0.7))
    sizes = rng.choice([1e-300, 1.0, 1e300], size=n)
    vals = []
    for i, d in enumerate(days(n)):
        rash = 2 + (0.8 * dose[i - 1] if i else 0) + np.round(rng.normal(0, 1))
        vals += [(d, "tiny_dose", float(dose[i] * 1e-170)), (d, "huge_count", float(count[i] * 1e160)),
                 (d, "mixed_scale", float(sizes[i] * (1 + rng.uniform()))),
                 (d, "subnormal_trace", float((1 + rng.randint(0, 9)) * 1e-315)),
                 (d, "tiny_rash", float(max(rash, 0) * 1e-170)),
                 (d, "redness", float(np.clip(round(4 + 0.3 * count[i] + rng.normal(0, 1)), 0, 10)))]
        if i % 2:
            vals.append((d, "huge_rash", float((3 + rng.randint(0, 5)) * 1e160)))
    custom = [dict(key=k, label=k.replace("_", " ").capitalize(), group="habit", yesno=False, unit="unit")
              for k in ("tiny_dose", "huge_count", "mixed_scale", "subnormal_trace")] + \
             [dict(key="tiny_rash", label="Tiny rash", group="skin", yesno=False, unit="point"),
              dict(key="huge_rash", label="Huge rash", group="skin", yesno=False, unit="point")]
    cases.append(("extreme_magnitudes", "Values near 1e-170, 1e160, 1e-315 and mixes of 1e-300 and 1e300", vals, custom, 1, None, None))

    # 12. Unlogged runs of 14, 15 and 16 days and of three years, crossed by lags up to 14.
    rng = np.random.RandomState(1212)
    blocks = [(0, 30), (44, 30), (89, 30), (135, 30), (135 + 30 + 3 * 365, 30)]  # gaps of 14, 15, 16 days, 3 years
    vals = []
    stress = 4 + 2 * ar1(rng, 2000, 0.6)
    for offset, length in blocks:
        for i in range(offset, offset + length):
            d = start + dt.timedelta(days=i)
            vals += [(d, "stress", float(np.clip(round(stress[i % 2000]), 0, 10))),
                     (d, "itch", float(np.clip(round(3 + 0.4 * stress[(i - 14) % 2000] + rng.normal(0, 1)), 0, 10)))]
    cases.append(("long_gaps", "Unlogged runs of 14, 15, 16 days and three years; lags 0-14", vals, [], 14, None, None))

    # 13. A short journal where nothing can be tested.
    vals = [(d, "sugary_foods", float(i % 3)) for i, d in enumerate(days(10))] + \
           [(d, "redness", float(i % 4)) for i, d in enumerate(days(10))]
    cases.append(("too_short", "Ten days: every pair is short of rows", vals, [], 3, None, None))
    return cases


def experiment_cases():
    cases = []
    start = dt.date(2026, 1, 1)

    def ab(name, desc, seed, base_days, int_days, onset, base_mean, int_mean, sd, rho=0.3, missing=0.0,
           adherence=1.0, constant=False):
        rng = np.random.RandomState(seed)
        n = base_days + int_days
        noise = ar1(rng, n, rho, sd)
        outcome, intervention = {}, {}
        for i in range(n):
            d = start + dt.timedelta(days=i)
            on = i >= base_days
            intervention[d] = 1.0 if on and rng.uniform() < adherence else 0.0
            if rng.uniform() < missing:
                continue
            v = (int_mean if on else base_mean) + (0 if constant else noise[i])
            outcome[d] = float(np.clip(round(v, 1), 0, 10))
        blocks = [(start, False), (start + dt.timedelta(days=base_days), True)]
        cases.append((name, desc, outcome, intervention, blocks, start + dt.timedelta(days=n - 1), onset))

    ab("ab_helped", "A-B, clear improvement", 11, 60, 74, 14, 6.0, 3.5, 1.0)
    ab("ab_worse", "A-B, clear worsening", 12, 60, 74, 14, 3.0, 5.0, 1.0)
    ab("ab_no_change", "A-B, long and steady: CI within +-0.5", 13, 150, 164, 14, 4.0, 4.0, 0.5, rho=0.1)
    ab("ab_not_yet_clear", "A-B, short and noisy", 14, 20, 34, 14, 5.0, 4.6, 2.0)
    ab("ab_missing_days", "A-B with 30% of days missing and 70% adherence", 15, 60, 74, 14, 5.0, 4.0, 1.2,
       missing=0.3, adherence=0.7)
    ab("ab_not_enough_baseline", "A-B with only 6 baseline days", 16, 6, 40, 14, 5.0, 4.0, 1.0)
    ab("ab_onset_swallows_phase", "Onset leaves 5 intervention days", 17, 30, 19, 14, 5.0, 4.0, 1.0)
    ab("ab_constant_outcome", "Outcome never changes", 18, 30, 44, 14, 2.0, 2.0, 1.0, constant=True)
    ab("ab_no_onset", "A-B, onset 0", 19, 40, 40, 0, 5.0, 4.2, 1.0, rho=0.6)

    def alternating(name, desc, seed, lengths, first_on, onset, effect, sd, missing=0.0, states=None):
        rng = np.random.RandomState(seed)
        blocks, outcome, intervention = [], {}, {}
        i, on = 0, first_on
        noise = ar1(rng, sum(lengths), 0.4, sd)
        for b, length in enumerate(lengths):
            if states is not None:
                on = states[b]
            blocks.append((start + dt.timedelta(days=i), on))
            for _ in range(length):
                d = start + dt.timedelta(days=i)
                intervention[d] = 1.0 if on and rng.uniform() < 0.9 else 0.0
                if rng.uniform() >= missing:
                    outcome[d] = float(np.clip(round(5 + (effect if on else 0) + noise[i], 1), 0, 10))
                i += 1
            on = not on
        cases.append((name, desc, outcome, intervention, blocks, start + dt.timedelta(days=i - 1), onset))

    alternating("alternating_abab", "A-B-A-B, 28-day blocks, 7 onset/wash-out days after each switch", 21,
                [28, 28, 28, 28], False, 7, -1.5, 1.0)
    alternating("alternating_baba", "B-A-B-A starting on the intervention: its first days are onset too", 22,
                [21, 21, 21, 21], True, 5, 0.0, 0.8, missing=0.2)
    alternating("alternating_six_blocks", "Six 14-day blocks; two consecutive 'on' blocks form one run (no onset between)",
                23, [14, 14, 14, 14, 14, 14], False, 3, 1.0, 1.2, states=[False, True, True, False, True, False])
    return cases


def sensitivity_cases():
    """A-B journals with days logged before the experiment's start, for the sensitivity check."""
    cases = []
    start = dt.date(2026, 1, 1)

    def journal(name, desc, seed, before, baseline, int_days, onset, base_mean, int_mean, sd, flare=0.0, flare_days=0,
                rho=0.3):
        """`before` logged days up to the switch; the experiment's baseline is the last `baseline` of them; the
        last `flare_days` before the switch are `flare` points worse."""
        rng = np.random.RandomState(seed)
        n = before + int_days
        noise = ar1(rng, n, rho, sd)
        outcome, intervention = {}, {}
        for i in range(n):
            d = start + dt.timedelta(days=i)
            on = i >= before
            intervention[d] = 1.0 if on else 0.0
            v = (int_mean if on else base_mean) + noise[i] + (flare if before - flare_days <= i < before else 0)
            outcome[d] = float(np.clip(round(v, 1), 0, 10))
        switch = start + dt.timedelta(days=before)
        blocks = [(switch - dt.timedelta(days=baseline), False), (switch, True)]
        intervention = {d: v for d, v in intervention.items() if d >= blocks[0][0]}
        cases.append((name, desc, outcome, intervention, blocks, start + dt.timedelta(days=n - 1), onset))

    journal("ab_fragile_baseline", "A-B with a 14-day baseline from a streaky journal that was worse in the last two "
            "weeks: helped on 14 days, not yet clear on 56; the sensitivity check downgrades it", 114, 84, 14, 56, 14,
            5.5, 5.0, 1.2, flare=1.5, flare_days=14, rho=0.5)
    journal("ab_robust_helped", "A-B with a clear drop that every baseline window and the trend adjustment confirm",
            42, 90, 56, 74, 14, 6.0, 3.5, 1.0)
    return cases


def fdr_cases():
    rng = np.random.RandomState(31)
    lists = {
        "empty": [],
        "single": [0.03],
        "ties_and_extremes": [0.0, 0.01, 0.01, 0.04, 0.04, 0.04, 0.2, 1.0, 0.5, 0.0],
        "uniform_200": [float(v) for v in rng.uniform(size=200)],
        "small_mixed": [float(v) for v in np.concatenate([rng.uniform(0, 0.001, 10), rng.uniform(size=40)])],
        "all_ones": [1.0, 1.0, 1.0],
    }
    return [dict(name=k, p=v, q=bh(v)) for k, v in lists.items()]


def clean(obj):
    """JSON-safe: infinities become strings (only t can be infinite)."""
    if isinstance(obj, float) and math.isinf(obj):
        return "Infinity" if obj > 0 else "-Infinity"
    if isinstance(obj, dict):
        return {k: clean(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [clean(v) for v in obj]
    if isinstance(obj, (np.floating,)):
        return float(obj)
    if isinstance(obj, (np.integer,)):
        return int(obj)
    return obj


def dump(path, obj):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(clean(obj), fh, indent=1, ensure_ascii=False)
        fh.write("\n")


def generate():
    ins_dir = os.path.join(HERE, "insights")
    exp_dir = os.path.join(HERE, "experiments")
    os.makedirs(ins_dir, exist_ok=True)
    os.makedirs(exp_dir, exist_ok=True)
    for name, desc, values, custom, max_lag, date_from, date_to in journal_cases():
        values = [(d, k, float(v)) for d, k, v in values]
        write_csv(os.path.join(ins_dir, name + ".csv"), values)
        items = builtin_items() + custom
        report = analyze(items, values, max_lag, date_from, date_to)
        dump(os.path.join(ins_dir, name + ".json"), dict(
            description=desc, maxLag=max_lag,
            dateFrom=date_from.isoformat() if date_from else None,
            dateTo=date_to.isoformat() if date_to else None,
            customItems=[dict(key=c["key"], label=c["label"], group=c["group"], isYesNo=c["yesno"], unit=c["unit"])
                         for c in custom],
            expected=report))
        print(f"insights/{name}: {len(report['associations'])} tests, {len(report['notTested'])} not tested, "
              f"{len(report['findings'])} findings")
    for name, desc, outcome, intervention, blocks, end, onset in experiment_cases():
        res = experiment(outcome, intervention, blocks, end, onset)
        dump(os.path.join(exp_dir, name + ".json"), dict(
            description=desc,
            design=dict(blocks=[dict(start=s.isoformat(), intervention=on) for s, on in blocks],
                        end=end.isoformat(), onsetDays=onset),
            outcome=[[d.isoformat(), v] for d, v in sorted(outcome.items())],
            intervention=[[d.isoformat(), v] for d, v in sorted(intervention.items())],
            expected=res))
        print(f"experiments/{name}: {res['verdict']} n={res['n']} effect={res['effect']}")
    for name, desc, outcome, intervention, blocks, end, onset in sensitivity_cases():
        res = experiment(outcome, intervention, blocks, end, onset)
        sens = sensitivity(outcome, blocks, end, onset, res)
        dump(os.path.join(exp_dir, name + ".json"), dict(
            description=desc,
            design=dict(blocks=[dict(start=s.isoformat(), intervention=on) for s, on in blocks],
                        end=end.isoformat(), onsetDays=onset),
            outcome=[[d.isoformat(), v] for d, v in sorted(outcome.items())],
            intervention=[[d.isoformat(), v] for d, v in sorted(intervention.items())],
            expected=res, sensitivity=sens))
        print(f"experiments/{name}: {res['verdict']} -> {sens['verdict']} "
              + ", ".join(f"{r['window']}: {r['effect']:.2f} [{r['ciLow']:.2f}, {r['ciHigh']:.2f}] {r['verdict']}"
                          for r in sens["rows"] if r["effect"] is not None) + f" flare={sens['flare']}")
    dump(os.path.join(HERE, "fdr_bh.json"), fdr_cases())


def main(argv):
    if len(argv) >= 2 and argv[1] == "generate":
        generate()
        return 0
    if len(argv) >= 3 and argv[1] == "analyze":
        max_lag = 3
        if "--max-lag" in argv:
            max_lag = int(argv[argv.index("--max-lag") + 1])
        values, custom = read_csv(argv[2])
        # As the app's analyze command does: label = key with spaces, unit "unit".
        items = builtin_items() + [dict(key=k, label=k.replace("_", " "), group="habit", yesno=False, unit="unit")
                                   for k in custom]
        json.dump(clean(analyze(items, values, max_lag)), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

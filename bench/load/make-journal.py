#!/usr/bin/env python3
"""Writes a synthetic journal CSV (date,item,value) of N days with every built-in item: the import benchmark's input."""
import random
import sys
from datetime import date, timedelta

days = int(sys.argv[1]) if len(sys.argv) > 1 else 1826
items_per_day = int(sys.argv[2]) if len(sys.argv) > 2 else 20
rng = random.Random(42)
severity = ["redness", "breakouts", "dryness", "eczema", "psoriasis", "itch", "bloating", "constipation", "irregular_digestion", "stress"]
servings = ["fermented_foods", "prebiotic_foods", "sugary_foods", "processed_foods"]
yesno = ["probiotic_supplement", "antibiotics", "illness"]
start = date(2021, 1, 1)
print("date,item,value")
for d in range(days):
    day = (start + timedelta(days=d)).isoformat()
    rows = []
    rows += [(k, rng.randint(0, 10)) for k in severity]
    rows += [(k, rng.randint(0, 6)) for k in servings]
    rows += [(k, 1 if rng.random() < 0.3 else 0) for k in yesno]
    rows += [("stool_form", rng.randint(1, 7)), ("water", round(rng.uniform(0.5, 3), 2)), ("sleep", round(rng.uniform(5, 9), 1))]
    for key, value in rows[:items_per_day]:
        print(f"{day},{key},{value}")

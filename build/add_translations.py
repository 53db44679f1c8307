"""Usage: addtr.py ROOT JSONFILE  -- merge en->ar translations into the .ts and rebuild."""
import json, sys
sys.path.insert(0, sys.argv[1] + "/build")
import translations as t
new = json.load(open(sys.argv[2], encoding="utf-8"))
tr = t.read_ts(); tr.update(new)
t.write_ts(t.ui_strings(), tr); t.lrelease()
missing = [s for s in t.ui_strings() if s not in tr]
print("untranslated:", missing)

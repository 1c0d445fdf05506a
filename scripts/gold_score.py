#!/usr/bin/env python3
"""Scores `kensaku passages --format jsonl` against the hand-judged gold in Tests/Gold/.

    python3 scripts/gold_score.py PASSAGES.jsonl [--verbose]

The Swift test GoldContextTests applies the same rules; this is the quick loop while working.
"""
import json, re, sys, unicodedata, glob, collections, os

def norm(s):
    if s is None: return None
    s = unicodedata.normalize('NFKC', s).lower()
    s = re.sub(r'\s+', '', s)
    s = re.sub(r'(【再掲】|\[再掲\]|［再掲］)', '', s)
    s = re.sub(r'等$', '', s)
    return s

def same_programme(ours, gold):
    a, b = norm(ours), norm(gold)
    if a == b: return True
    if a is None or b is None: return False
    strip = lambda x: re.sub(r'\([^()]*\)$', '', x)
    return strip(a) == strip(b)

root = os.path.join(os.path.dirname(__file__), '..')
passages = [json.loads(l) for l in open(sys.argv[1])]
verbose = '--verbose' in sys.argv
by_doc = collections.defaultdict(list)
for p in passages: by_doc[p['doc']].append(p)

def covering(doc, line):
    return [p for p in by_doc[doc] if p['lines'][0] <= line <= p['lines'][1]]

counts = collections.Counter(); right = collections.Counter(); misses = []
for f in sorted(glob.glob(os.path.join(root, 'Tests/Gold/amounts_*.jsonl'))):
    for g in map(json.loads, open(f)):
        counts['amounts'] += 1
        cands = [a for p in covering(g['doc'], g['line']) for a in p['amounts']
                 if a.get('line') == g['line'] and (norm(a['text']).replace('の内数', '').lstrip('▲△−') == norm(g['text']).lstrip('▲△−') or norm(g['text']) in norm(a['text']))]
        exact = [a for a in cands if norm(a['text']).replace('の内数', '') == norm(g['text'])]
        cands = exact if len(exact) >= g.get('occurrence', 1) else cands
        occ = g.get('occurrence', 1)
        if len(cands) < occ:
            misses.append(('missing', g)); continue
        a = cands[occ - 1]
        right['found'] += 1
        ok = {
            'programme': same_programme((a.get('programme') or {}).get('name'), g['programme']),
            'yen': a['yen'] == g['yen'],
            'role': a['role'] == g['role'],
            'fiscal_year': a['fiscal_year'] == g['fiscal_year'],
        }
        for k, v in ok.items():
            right[k] += v
            if not v: misses.append((k, g, a))
        right['all'] += all(ok.values())
for f in sorted(glob.glob(os.path.join(root, 'Tests/Gold/passages_*.jsonl'))):
    for g in map(json.loads, open(f)):
        counts['passages'] += 1
        ps = covering(g['doc'], g['line'])
        if ps and same_programme((ps[0].get('programme') or {}).get('name'), g['programme']):
            right['passage_programme'] += 1
        else:
            misses.append(('passage', g, ps[0]['programme'] if ps else None))
n = counts['amounts']
print(f"amounts {n}: found {right['found']/n:.3f} programme {right['programme']/n:.3f} yen {right['yen']/n:.3f} "
      f"role {right['role']/n:.3f} year {right['fiscal_year']/n:.3f} all {right['all']/n:.3f}; "
      f"passages {counts['passages']}: programme {right['passage_programme']/counts['passages']:.3f}")
if verbose:
    for m in misses:
        g = m[1]
        if m[0] == 'missing': print('MISSING', g['doc'][:3], g['line'], g['text'])
        elif m[0] == 'passage': print('PASSAGE', g['doc'][:3], g['line'], 'gold=', g['programme'], 'ours=', (m[2] or {}).get('name') if m[2] else None)
        else:
            a = m[2]
            ours = {'programme': (a.get('programme') or {}).get('name'), 'yen': a['yen'], 'role': a['role'], 'fiscal_year': a['fiscal_year']}[m[0]]
            print(m[0].upper(), g['doc'][:3], g['line'], g['text'], 'gold=', g[m[0]], 'ours=', ours)

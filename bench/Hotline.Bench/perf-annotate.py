#!/usr/bin/env python3
"""Samples of a `perf record` per instruction of one JIT-compiled method, for speed work on the screener.

perf cannot read the runtime's generated code back, so the runtime prints its listing as it compiles (with each
instruction's bytes, from which the offsets follow) and the perf map gives where the method's optimized code starts:

    DOTNET_PerfMapEnabled=3 DOTNET_EnableWriteXorExecute=0 \
    DOTNET_JitDisasm='Lookup Match Tokenize' DOTNET_JitDisasmWithCodeBytes=1 DOTNET_JitStdOutFile=listing.txt \
    perf record -F 2999 -o perf.data dotnet bench/Hotline.Bench/bin/Release/net10.0/Hotline.Bench.dll --loop 5
    bench/Hotline.Bench/perf-annotate.py perf.data /tmp/perf-<pid>.map listing.txt Screener:Match [min-samples]

Prints the method's share of all samples, then its listing with each instruction's samples in front (a stalled
instruction's samples mostly land on the one after it); with min-samples, only the instructions with at least that
many and the lines before them.
"""
import collections
import re
import subprocess
import sys


def main():
    data, perf_map, listing, method = sys.argv[1:5]
    least = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    owner, name = method.split(':')
    start = size = None
    for line in open(perf_map):
        address, length, symbol = line.rstrip('\n').split(' ', 2)
        if f'{owner}::{name}(' in symbol and symbol.endswith('[OptimizedTier1]'):
            start, size = int(address, 16), int(length, 16)
    if start is None:
        sys.exit(f'no optimized code of {method} in {perf_map}')
    ips = subprocess.run(['perf', 'script', '-i', data, '-F', 'ip'], capture_output=True, text=True, check=True).stdout.split()
    samples = collections.Counter(int(ip, 16) - start for ip in ips if start <= int(ip, 16) < start + size)
    lines = open(listing).read().split('\n')
    heads = [k for k, l in enumerate(lines) if l.startswith('; Assembly listing for method') and f'{owner}:{name}(' in l and '(Tier1)' in l]
    if not heads:
        sys.exit(f'no Tier1 listing of {method} in {listing}')
    rows, offset = [], None
    for line in lines[heads[-1] + 1:]:
        if line.startswith('; Total bytes of code'):
            if offset != size:
                sys.exit(f'the listing has {offset} bytes, the perf map {size}: not the same compilation')
            break
        label = re.search(r';; offset=0x([0-9A-F]+)', line)
        code = re.match(r'\s+([0-9A-F]+)\s{2,}\S', line)
        if label:
            offset = int(label.group(1), 16)
            rows.append((0, line))
        elif code and offset is not None:
            rows.append((samples.get(offset, 0), line))
            offset += len(code.group(1)) // 2
        else:
            rows.append((0, line))
    total = sum(samples.values())
    print(f'{method}: {total} of {len(ips)} samples ({100 * total / max(1, len(ips)):.1f} %)')
    for k, (count, line) in enumerate(rows):
        if least == 0:
            print(f'{count:6d} {line}')
        elif count >= least:
            print('-----')
            for before, text in rows[max(0, k - 6):k + 1]:
                print(f'{before:6d} {text}')


if __name__ == '__main__':
    main()

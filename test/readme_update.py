#!/usr/bin/env python3
"""Rewrite the output shown under each "$ " command of README.md with
what the command prints now (the counterpart of test/script/readme.sh,
which checks it). Run from the top of the tree after `make build`:

    python3 test/readme_update.py build/bin

Commands run as readme.sh runs them: in a scratch copy of examples/, an
empty build/, the tools first on PATH, stdout and stderr together. An
output block that ends in a "..." line keeps that many lines and the
"..."; review the diff before committing it.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

def main():
    bindir = os.path.abspath(sys.argv[1])
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    readme = os.path.join(top, 'README.md')
    lines = open(readme).read().split('\n')
    tmp = tempfile.mkdtemp(prefix='cgreadme.')
    try:
        run = os.path.join(tmp, 'run')
        shutil.copytree(os.path.join(top, 'examples'),
                        os.path.join(run, 'examples'))
        os.makedirs(os.path.join(run, 'build'))
        os.makedirs(os.path.join(tmp, 'home'))
        env = dict(os.environ, PATH=bindir + ':' + os.environ['PATH'],
                   TZ='UTC', LC_ALL='C', HOME=os.path.join(tmp, 'home'),
                   XDG_CONFIG_HOME=os.path.join(tmp, 'home', '.config'))
        env.pop('CLIENTGRADE_CONFIG', None)
        out = []
        i = 0
        fence = False
        while i < len(lines):
            line = lines[i]
            if line.startswith('```'):
                fence = not fence
            m = None if fence else re.match(r'^(    +)\$ (.*)$', line)
            if not m:
                out.append(line)
                i += 1
                continue
            ind = len(m.group(1))
            cmd = [m.group(2)]
            out.append(line)
            i += 1
            # Continuation lines, as readme.sh reads them.
            while i < len(lines) and (cmd[-1].endswith('\\') or
                    (re.match(r'^ +\|', lines[i]) and
                     len(lines[i]) - len(lines[i].lstrip(' ')) > ind)):
                cmd.append(lines[i])
                out.append(lines[i])
                i += 1
            # The old output: indented lines, blank lines inside them.
            old = []
            j = i
            while j < len(lines):
                if lines[j].startswith('    ') and not re.match(
                        r'^ +\$ ', lines[j]):
                    old.append(lines[j][4:])
                    j += 1
                elif lines[j] == '' and j + 1 < len(lines) and \
                        lines[j + 1].startswith('    ') and not re.match(
                        r'^ +\$ ', lines[j + 1]):
                    old.append('')
                    j += 1
                else:
                    break
            first = cmd[0].split()[0]
            if shutil.which(first, path=env['PATH']) is None:
                out.extend(lines[i:j])
                i = j
                continue
            p = subprocess.run(['sh', '-c', '\n'.join(cmd)], cwd=run,
                               env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
            got = p.stdout.decode('utf-8', 'replace').split('\n')
            if got and got[-1] == '':
                got.pop()
            if old and old[-1] == '...':
                got = got[:len(old) - 1] + ['...']
            out.extend(('    ' + g) if g else '' for g in got)
            i = j
        open(readme, 'w').write('\n'.join(out))
    finally:
        shutil.rmtree(tmp)

main()

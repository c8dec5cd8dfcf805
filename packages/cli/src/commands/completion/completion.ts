// Shell completion scripts written from the command tree, so a new command or flag completes without
// anyone touching this file.
import type { Command } from 'commander';
import { Context } from '../../core/context.js';
import { UsageError } from '../../core/errors.js';
import type { Io } from '../../core/io.js';

interface Node {
  /** Command path without `keito`, e.g. "time start"; "" for the root. */
  path: string;
  subcommands: { name: string; description: string }[];
  flags: { name: string; description: string }[];
}

export function commandTree(program: Command): Node[] {
  const nodes: Node[] = [];
  const globals = program.options.map((o) => ({ name: o.long ?? '', description: o.description }));
  const walk = (command: Command, path: string) => {
    const own =
      command === program
        ? []
        : command.options.map((o) => ({ name: o.long ?? '', description: o.description }));
    nodes.push({
      path,
      subcommands: command.commands.map((c) => ({ name: c.name(), description: c.description() })),
      flags: [...own, ...globals, { name: '--help', description: 'Show help' }].filter((f) => f.name !== ''),
    });
    for (const sub of command.commands) walk(sub, path === '' ? sub.name() : `${path} ${sub.name()}`);
  };
  walk(program, '');
  return nodes;
}

const words = (node: Node) =>
  [...node.subcommands.map((s) => s.name), ...node.flags.map((f) => f.name)].join(' ');

export function bashScript(nodes: Node[]): string {
  const known = nodes
    .filter((n) => n.path !== '')
    .map((n) => `"${n.path}"`)
    .join('|');
  const cases = nodes.map((n) => `    "${n.path}") opts="${words(n)}" ;;`).join('\n');
  return `# keito bash completion: source <(keito completion bash)
_keito_completions() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmdpath="" w i opts=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "\${cmdpath:+$cmdpath }$w" in
      ${known}) cmdpath="\${cmdpath:+$cmdpath }$w" ;;
    esac
  done
  case "$cmdpath" in
${cases}
  esac
  COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
}
complete -F _keito_completions keito
`;
}

export function zshScript(nodes: Node[]): string {
  const known = nodes
    .filter((n) => n.path !== '')
    .map((n) => `"${n.path}"`)
    .join('|');
  const cases = nodes.map((n) => `    ("${n.path}") opts=(${words(n)}) ;;`).join('\n');
  return `#compdef keito
# keito zsh completion: source <(keito completion zsh)
_keito() {
  local cmdpath="" w i
  local -a opts
  for ((i = 2; i < CURRENT; i++)); do
    w="\${words[i]}"
    case "\${cmdpath:+$cmdpath }$w" in
      (${known}) cmdpath="\${cmdpath:+$cmdpath }$w" ;;
    esac
  done
  case "$cmdpath" in
${cases}
  esac
  compadd -- $opts
}
if (( $+functions[compdef] )); then compdef _keito keito; fi
`;
}

export function fishScript(nodes: Node[]): string {
  const esc = (text: string) => text.replace(/'/g, "\\'");
  const lines = ['# keito fish completion: keito completion fish | source', 'complete -c keito -f'];
  for (const node of nodes) {
    const parts = node.path === '' ? [] : node.path.split(' ');
    const children = node.subcommands.map((s) => s.name).join(' ');
    const conditions = parts.map((p) => `__fish_seen_subcommand_from ${p}`);
    const here =
      parts.length === 0
        ? '__fish_use_subcommand'
        : [...conditions, ...(children ? [`not __fish_seen_subcommand_from ${children}`] : [])].join(
            '; and ',
          );
    for (const sub of node.subcommands) {
      lines.push(`complete -c keito -n '${here}' -a ${sub.name} -d '${esc(sub.description)}'`);
    }
    if (parts.length > 0 && node.subcommands.length === 0) {
      for (const flag of node.flags) {
        lines.push(
          `complete -c keito -n '${conditions.join('; and ')}' -l ${flag.name.slice(2)} -d '${esc(flag.description)}'`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

const SHELLS = { bash: bashScript, zsh: zshScript, fish: fishScript } as const;

export function defineCompletion(parent: Command, io: Io, program: () => Command): void {
  parent
    .command('completion')
    .description('Print a shell completion script (bash, zsh or fish)')
    .argument('<shell>', 'bash, zsh or fish')
    .action((shell: string, _flags: unknown, cmd: Command) => {
      const ctx = Context.of(io, cmd);
      const write = SHELLS[shell as keyof typeof SHELLS];
      if (!write) throw new UsageError(`Unknown shell "${shell}". Choose one of: bash, zsh, fish`);
      ctx.out.line(write(commandTree(program())).trimEnd());
    });
}

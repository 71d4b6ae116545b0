//! Command lines to fuzz: the README's commands as argument vectors, and mutations of them token by token.

use super::mutate::EXTREMES;
use clap::CommandFactory;
use rand::RngExt;
use rand::rngs::Xoshiro256PlusPlus as Rng;

/// The commands of the README's usage section (without `pns`), plus a few flag combinations it describes.
pub const COMMANDS: [&str; 39] = [
    "run scenarios/2018-bbc-pns.toml",
    "run --baseline ge2019 --share lab=36,con=29,ld=18 --sims 100000 --seed 7 --out out/ --format json",
    "estimate --pair 2018-2022",
    "run scenarios/local-elections/2018-2022.toml",
    "backtest --all --sims 10000",
    "plot output/2018/summary.json",
    "bench",
    "baselines",
    "project scenarios/2022-bbc-pns.toml",
    "project --baseline ge2019 --share lab=36 --share con=29 --share ld=18 --model stm",
    "project scenarios/local-elections/2021-2024-hybrid.toml",
    "estimate --pair 2021-2024 --geography",
    "project --baseline ge2017 --share con=35,lab=35,ld=16 --scope england --format json",
    "project scenarios/2018-bbc-pns.toml --format csv",
    "run scenarios/2018-bbc-pns.toml --out /tmp/run --no-charts",
    "plot output/2018/summary.json --out /tmp/charts",
    "estimate --pair 2018-2022 --chart output/estimate-2018-2022 --chart-format both",
    "run scenarios/2018-bbc-pns.toml --out /tmp/run --chart-format svg",
    "plot output/2018/summary.json --chart-format both",
    "backtest --from ge2019n --to ge2024 --model hybrid --swing-by region --locals 2021-2024",
    "estimate --pair 2021-2024 --geography --against con --bloc lab,ld --where first",
    "bench --sims 1000 --runs 2 --threads 2 --kernel generic",
    "run --baseline ge2019 --share lab=36 --hold snp,pc --threads 2 --quiet",
    "backtest --from ge2017 --to ge2019 --leave-slope con=-0.3 --tactical 0.2 --uncertainty national=2",
    "project --share lab=30,reform=22 --nation scotland:snp=33,lab=18 --region london:lab=45,con=18 --format json",
    "project scenarios/2018-bbc-pns.toml --stands-everywhere reform,green --nation Wales:lab=40 --model STM",
    "run --share lab=30,con=20,reform=25 --preset forecast --coalition lab+ld+green --coalition con+reform --quiet",
    "run scenarios/2018-bbc-pns.toml --preset What-If --coalition lab+snp,con+dup --region North-East:lab=50 --out /tmp/run",
    "targets scenarios/2018-bbc-pns.toml --party lab --top 10",
    "targets --baseline ge2024 --share lab=25 --party lab --defend --model hybrid --format csv",
    "run scenarios/2018-bbc-pns.toml --sims 1000000 --seed 7 --shard 3/100 --threads 1 --out /tmp/shard-3",
    "merge /tmp/shard-1 /tmp/shard-2 /tmp/shard-3/partial.json --out /tmp/merged --format json",
    "sweep scenarios/sweep-reform-lab.toml --x reform=15:35:0.5 --y lab=15:35:0.5 --sims 10000 --out /tmp/sweep",
    "sweep scenarios/sweep-reform-lab.toml --sims 200 --seed 3 --shard 2/5 --out /tmp/sweep-2 --size 800x500",
    "sweep scenarios/sweeps/ge2024-scenarios.toml --sims 100 --format csv --shard 1/2 --out /tmp/list-1",
    "sweep --baseline ge2024 --share reform=30,lab=20,con=15 --x con=10:20:1 --others hold --format csv --threads 2",
    "plot output/2018/summary.json --size 800x500 --out /tmp/charts",
    "run scenarios/2018-bbc-pns.toml --sims 1000 --size 3200x2000 --out /tmp/run",
    "estimate --pair 2018-2022 --chart /tmp/pns --size 1600X1000",
];

/// Tokens inserted whole: empty and punctuation-only values, half items of `PARTY=PCT` lists, `AREA:` and `P1+P2`
/// values (`--nation`, `--region`, `--coalition`), an overflowing share, an unknown baseline and chart sizes
/// (`--size`) malformed or out of range.
const FOREIGN: [&str; 18] = [
    "",
    "-",
    "--",
    "=",
    "\0",
    "lab=",
    "=36",
    "con=1e155",
    "a=b=c",
    "ge9999",
    ":",
    "+",
    "scotland:lab=1e155",
    "lab++ld",
    "16x",
    "1600*1000",
    "799x500",
    "8001x1000",
];

/// The seat tools' commands (README, "Seat tools"), seeds beside [`COMMANDS`].
pub const SEAT_COMMANDS: [&str; 5] = [
    "changes scenarios/2018-bbc-pns.toml --format csv",
    "changes --baseline ge2019 --share lab=36,con=29 --run output/2018 --format json",
    "seat Croydon --baseline ge2024",
    "seat E14000731 scenarios/2018-bbc-pns.toml --run output/2018 --format json",
    "seat ynys-mon --baseline ge2017 --share con=35,lab=35",
];

/// Every long flag and subcommand name clap knows, to insert into command lines.
pub fn vocabulary() -> Vec<String> {
    let cli = pns::cli::Cli::command();
    let mut words = Vec::new();
    for sub in cli.get_subcommands() {
        words.push(sub.get_name().to_string());
        words.extend(sub.get_arguments().filter_map(|a| a.get_long()).map(|l| format!("--{l}")));
    }
    words.sort();
    words.dedup();
    words
}

/// The seed argument vectors.
pub fn seeds() -> Vec<Vec<String>> {
    COMMANDS.iter().chain(&SEAT_COMMANDS).map(|c| c.split_whitespace().map(String::from).collect()).collect()
}

/// One token-level operator applied to `args`: delete, duplicate, swap, an extreme or foreign value, a flag
/// inserted, a byte of a token changed, `=` joins.
pub fn once(rng: &mut Rng, args: &mut Vec<String>, words: &[String]) {
    let n = args.len();
    let at = rng.random_range(0..=n);
    let i = if n == 0 { 0 } else { rng.random_range(0..n) };
    match (rng.random_range(0..8), n) {
        (_, 0) | (0, _) => args.insert(at, words[rng.random_range(0..words.len())].clone()),
        (1, _) => drop(args.remove(i)),
        (2, _) => args.insert(i, args[i].clone()),
        (3, _) => args.swap(i, rng.random_range(0..n)),
        (4, _) => args[i] = EXTREMES[rng.random_range(0..EXTREMES.len())].to_string(),
        (5, _) => args.insert(at, FOREIGN[rng.random_range(0..FOREIGN.len())].into()),
        (6, _) if i + 1 < n => {
            let next = args.remove(i + 1);
            args[i] = format!("{}={next}", args[i]);
        }
        _ => {
            let mut bytes = args[i].clone().into_bytes();
            if !bytes.is_empty() {
                let k = rng.random_range(0..bytes.len());
                bytes[k] = rng.random_range(0x20..0x7f);
            }
            args[i] = String::from_utf8_lossy(&bytes).into_owned();
        }
    }
}

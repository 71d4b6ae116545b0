//! The registry of data tables compiled into the binary: baselines, ward pairs and covariate tables, by name.

/// One shipped table: the name users give, its contents and what it is.
#[derive(Clone, Copy, Debug)]
pub struct Shipped<D: 'static> {
    pub name: &'static str,
    pub data: D,
    pub description: &'static str,
}

/// The entry of `table` named exactly `name`.
pub fn find<'a, D>(table: &'a [Shipped<D>], name: &str) -> Option<&'a Shipped<D>> {
    table.iter().find(|s| s.name == name)
}

/// The names of `table`, in its order.
pub fn names<D>(table: &[Shipped<D>]) -> Vec<&'static str> {
    table.iter().map(|s| s.name).collect()
}

/// The names of `table` as a list for "expected one of …" messages: `a, b, c`.
pub fn name_list<D>(table: &[Shipped<D>]) -> String {
    names(table).join(", ")
}

/// The shipped baseline a user names (case-insensitive; `ge2019_notional_2024`, `ge2019-notional` and
/// `ge2019_notional` are accepted for `ge2019n`).
pub fn baseline(name: &str) -> Option<&'static Shipped<Election>> {
    let lower = name.trim().to_ascii_lowercase();
    let key = match lower.as_str() {
        "ge2019_notional_2024" | "ge2019-notional" | "ge2019_notional" => "ge2019n",
        other => other,
    };
    find(&BASELINES, key)
}

/// The shipped ward pair a user names as `2018-2022`, `2018_2022` or `2018–2022`.
pub fn ward_pair(label: &str) -> Option<&'static Shipped<&'static [u8]>> {
    find(&WARD_PAIRS, &label.trim().replace(['_', '–', '→'], "-"))
}

/// A shipped general election: its CSV in the baseline column scheme and the year and month of polling day.
#[derive(Clone, Copy, Debug)]
pub struct Election {
    pub csv: &'static str,
    pub polling_date: (i32, u32),
}

/// The shipped baselines, oldest first.
pub const BASELINES: [Shipped<Election>; 6] = [
    Shipped {
        name: "ge2010",
        data: Election { csv: include_str!("../scenarios/baselines/ge2010.csv"), polling_date: (2010, 5) },
        description: "General election 6 May 2010 (2010 boundaries)",
    },
    Shipped {
        name: "ge2015",
        data: Election { csv: include_str!("../scenarios/baselines/ge2015.csv"), polling_date: (2015, 5) },
        description: "General election 7 May 2015 (2010 boundaries)",
    },
    Shipped {
        name: "ge2017",
        data: Election { csv: include_str!("../scenarios/baselines/ge2017.csv"), polling_date: (2017, 6) },
        description: "General election 8 June 2017 (2010 boundaries)",
    },
    Shipped {
        name: "ge2019",
        data: Election { csv: include_str!("../scenarios/baselines/ge2019.csv"), polling_date: (2019, 12) },
        description: "General election 12 December 2019 (2010 boundaries)",
    },
    Shipped {
        name: "ge2019n",
        // The notional result of the December 2019 election.
        data: Election { csv: include_str!("../scenarios/baselines/ge2019n.csv"), polling_date: (2019, 12) },
        description: "Notional 2019 result on the 2024 boundaries (Rallings & Thrasher)",
    },
    Shipped {
        name: "ge2024",
        data: Election { csv: include_str!("../scenarios/baselines/ge2024.csv"), polling_date: (2024, 7) },
        description: "General election 4 July 2024 (2024 boundaries)",
    },
];

/// The shipped ward pairs, oldest first: label and gzip-compressed ward-pair CSV (`docs/estimate.md`).
pub const WARD_PAIRS: [Shipped<&[u8]>; 7] = [
    Shipped {
        name: "2014-2018",
        data: include_bytes!("../scenarios/local/pair_2014_2018.csv.gz"),
        description: "London boroughs only: May 2018 wards last fought in May 2014",
    },
    Shipped {
        name: "2016-2021",
        data: include_bytes!("../scenarios/local/pair_2016_2021.csv.gz"),
        description: "Metropolitan boroughs and councils by thirds: 2021 seats last fought in 2016",
    },
    Shipped {
        name: "2017-2021",
        data: include_bytes!("../scenarios/local/pair_2017_2021.csv.gz"),
        description: "County divisions and some unitaries: 2021 seats last fought in 2017",
    },
    Shipped {
        name: "2018-2022",
        data: include_bytes!("../scenarios/local/pair_2018_2022.csv.gz"),
        description: "London (7 boroughs), metropolitan boroughs, districts and unitaries: 2022 seats last fought in \
                      2018",
    },
    Shipped {
        name: "2019-2023",
        data: include_bytes!("../scenarios/local/pair_2019_2023.csv.gz"),
        description: "Shire districts and unitaries plus mets: 2023 seats last fought in 2019 (matched by ward name)",
    },
    Shipped {
        name: "2021-2024",
        data: include_bytes!("../scenarios/local/pair_2021_2024.csv.gz"),
        description: "Metropolitan boroughs and councils by thirds: 2024 seats last fought in 2021",
    },
    Shipped {
        name: "2021-2025",
        data: include_bytes!("../scenarios/local/pair_2021_2025.csv.gz"),
        description: "County divisions and unitaries: 2025 seats last fought in 2021",
    },
];

/// The shipped Leave tables: 2016 Leave share by constituency (2010 and 2024 boundaries; their codes are disjoint),
/// named by their path in the repository.
pub const LEAVE_TABLES: [Shipped<&str>; 2] = [
    Shipped {
        name: "scenarios/covariates/leave_pcon2010.csv",
        data: include_str!("../scenarios/covariates/leave_pcon2010.csv"),
        description: "Leave share at the 2016 EU referendum by constituency, 2010 boundaries",
    },
    Shipped {
        name: "scenarios/covariates/leave_pcon2024.csv",
        data: include_str!("../scenarios/covariates/leave_pcon2024.csv"),
        description: "Leave share at the 2016 EU referendum by constituency, 2024 boundaries",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_listed_in_order() {
        assert_eq!(name_list(&BASELINES), "ge2010, ge2015, ge2017, ge2019, ge2019n, ge2024");
        assert_eq!(find(&WARD_PAIRS, "2018-2022").map(|s| s.name), Some("2018-2022"));
        assert!(find(&WARD_PAIRS, "2018_2022").is_none());
        for list in [names(&BASELINES), names(&WARD_PAIRS), names(&LEAVE_TABLES)] {
            let mut sorted = list.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), list.len(), "{list:?}");
        }
    }
}

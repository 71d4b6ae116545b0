//! The published BBC projected national share series (Curtice & Fisher), with a source for every row.

use crate::party::Party;
use serde::Serialize;

/// One year's published BBC PNS, in percent of the GB vote; `None` where no sourced figure exists.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct PublishedPns {
    pub year: u16,
    pub con: Option<f64>,
    pub lab: Option<f64>,
    /// Liberal Democrats (the SDP–Liberal Alliance in 1985).
    pub ld: Option<f64>,
    pub ukip: Option<f64>,
    pub reform: Option<f64>,
    pub green: Option<f64>,
    /// Everyone else, where the source gives it.
    pub others: Option<f64>,
    pub note: &'static str,
    pub source: &'static str,
}

const fn row(year: u16, con: Option<f64>, lab: Option<f64>, ld: Option<f64>) -> PublishedPns {
    PublishedPns { year, con, lab, ld, ukip: None, reform: None, green: None, others: None, note: "", source: "" }
}

/// The sourced BBC PNS figures (`docs` of the project: domain reference §1.6). Years without a sourced figure
/// (1982–84, 1986–91, 1997–2004, 2007, 2010–11, 2015) are absent on purpose.
pub const BBC_PNS: [PublishedPns; 22] = [
    PublishedPns {
        note: "SDP–Liberal Alliance",
        source: "https://en.wikipedia.org/wiki/United_Kingdom_local_elections,_1985",
        ..row(1985, Some(32.0), Some(39.0), Some(26.0))
    },
    PublishedPns {
        note: "implied by the 1993 page (Con 31, a 15-point decline; LD 25, up 5)",
        source: "http://en.wikipedia.org/wiki/United_Kingdom_local_elections,_1993",
        ..row(1992, Some(46.0), None, Some(20.0))
    },
    PublishedPns {
        source: "http://en.wikipedia.org/wiki/United_Kingdom_local_elections,_1993",
        ..row(1993, Some(31.0), Some(39.0), Some(25.0))
    },
    PublishedPns {
        source: "http://www.self.gutenberg.org/articles/eng/United_Kingdom_local_elections,_1994",
        ..row(1994, Some(28.0), Some(40.0), None)
    },
    PublishedPns {
        note: "implied by the 1996 page (Lab 43, 4 down on 1995; Con 29, 4 up)",
        source: "http://en.wikipedia.org/wiki/United_Kingdom_local_elections,_1996",
        ..row(1995, Some(25.0), Some(47.0), None)
    },
    PublishedPns {
        source: "http://en.wikipedia.org/wiki/United_Kingdom_local_elections,_1996",
        ..row(1996, Some(29.0), Some(43.0), None)
    },
    PublishedPns {
        note: "general-election day",
        source: "https://www.libdemvoice.org/bbc-national-projected-vote-share-15292.html",
        ..row(2005, Some(31.0), Some(33.0), Some(28.0))
    },
    PublishedPns {
        source: "https://fhld.uk/news/article/lib-dems-beat-labour-into-third-place-in-local-election-poll",
        ..row(2006, Some(40.0), Some(26.0), Some(27.0))
    },
    PublishedPns {
        source: "https://www.libdemvoice.org/bbc-national-projected-vote-share-15292.html",
        ..row(2008, Some(44.0), Some(24.0), Some(25.0))
    },
    PublishedPns {
        note: "early-night figure; the final one may differ",
        source: "https://www.libdemvoice.org/bbc-national-projected-vote-share-15292.html",
        ..row(2009, Some(38.0), Some(23.0), Some(28.0))
    },
    PublishedPns {
        others: Some(14.0),
        note: "Lab 39 on the night",
        source: "https://www1.politicalbetting.com/index.php/archives/2012/05/04/its-labours-and-ukips-night",
        ..row(2012, Some(31.0), Some(38.0), Some(16.0))
    },
    PublishedPns {
        ukip: Some(23.0),
        others: Some(9.0),
        source: "http://www.theguardian.com/politics/2013/may/03/local-elections-analysis-ukip-labour",
        ..row(2013, Some(25.0), Some(29.0), Some(14.0))
    },
    PublishedPns {
        ukip: Some(17.0),
        source: "http://ukpollingreport.co.uk/blog/archives/8841/comment-page-1",
        ..row(2014, Some(29.0), Some(31.0), Some(13.0))
    },
    PublishedPns {
        ukip: Some(12.0),
        source: "https://en.wikipedia.org/wiki/Projected_National_Share",
        ..row(2016, Some(30.0), Some(31.0), Some(15.0))
    },
    PublishedPns {
        ukip: Some(5.0),
        others: Some(12.0),
        note: "BBC broadcast",
        source: "https://archive.org./details/tv?q=andrew+gwynne&time=201705",
        ..row(2017, Some(38.0), Some(27.0), Some(18.0))
    },
    PublishedPns {
        others: Some(14.0),
        source: "https://www.bbc.co.uk/news/uk-politics-43997872",
        ..row(2018, Some(35.0), Some(35.0), Some(16.0))
    },
    PublishedPns {
        others: Some(25.0),
        note: "S. Fisher",
        source: "https://www1.politicalbetting.com/?p=111377",
        ..row(2019, Some(28.0), Some(28.0), Some(19.0))
    },
    PublishedPns {
        others: Some(18.0),
        note: "two baselines, 2016 and 2017 (2020 was postponed)",
        source: "https://feeds.bbci.co.uk/news/live/uk-politics-57016689?page=2",
        ..row(2021, Some(36.0), Some(29.0), Some(17.0))
    },
    PublishedPns {
        others: Some(16.0),
        source: "https://electionsetc.com/2022/05/",
        ..row(2022, Some(30.0), Some(35.0), Some(19.0))
    },
    PublishedPns {
        others: Some(19.0),
        source: "https://en.wikipedia.org/wiki/Projected_National_Share",
        ..row(2023, Some(26.0), Some(35.0), Some(20.0))
    },
    PublishedPns {
        others: Some(24.0),
        source: "https://labourlist.org/2024/05/local-elections-results-2024-bbc-national-share-labour-tories/",
        ..row(2024, Some(25.0), Some(34.0), Some(17.0))
    },
    PublishedPns {
        reform: Some(30.0),
        green: Some(11.0),
        others: Some(7.0),
        source: "https://en.wikipedia.org/wiki/Projected_National_Share",
        ..row(2025, Some(15.0), Some(20.0), Some(17.0))
    },
];

/// The published PNS of a year, if there is one.
pub fn published(year: u16) -> Option<&'static PublishedPns> {
    BBC_PNS.iter().find(|p| p.year == year)
}

impl PublishedPns {
    /// The published share of an estimated party, in percent. Reform stands for the UKIP → Brexit Party →
    /// Reform UK lineage, so it takes UKIP's figure in the years before Reform.
    pub fn share(&self, party: Party) -> Option<f64> {
        match party {
            Party::CON => self.con,
            Party::LAB => self.lab,
            Party::LD => self.ld,
            Party::GREEN => self.green,
            Party::REFORM | Party::UKIP => self.reform.or(self.ukip),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_sorted_unique_and_sourced() {
        for w in BBC_PNS.windows(2) {
            assert!(w[0].year < w[1].year);
        }
        for p in &BBC_PNS {
            assert!(p.source.starts_with("http"), "{} has no source", p.year);
            let named: f64 = [p.con, p.lab, p.ld, p.ukip, p.reform, p.green, p.others].iter().flatten().sum();
            assert!(named <= 100.0, "{} sums to {named}", p.year);
        }
    }

    #[test]
    fn lineage_and_lookup() {
        assert_eq!(published(2018).and_then(|p| p.share(Party::CON)), Some(35.0));
        assert_eq!(published(2016).and_then(|p| p.share(Party::REFORM)), Some(12.0));
        assert_eq!(published(2025).and_then(|p| p.share(Party::REFORM)), Some(30.0));
        assert_eq!(published(2021).and_then(|p| p.share(Party::GREEN)), None);
        assert!(published(2020).is_none());
    }
}

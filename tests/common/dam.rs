//! A briefing written for these tests: three outlets on one invented dam story (a shared
//! quote, a sentence re-punctuated with a different figure) and an unrelated article.

use super::Harness;

pub const GAZETTE: &str = "Engineers lower the Brennmoor reservoir\n\n\
The water board of Brennmoor began lowering the reservoir on Monday after engineers measured seepage through 12 sections of the old dam.\n\n\
\u{201c}Nobody downstream is in danger tonight, but we are not taking chances,\u{201d} chief engineer Petra Halvorsen told a briefing.\n\n\
Farmers along the Ossel river were told to move their livestock away from the lowest meadows.\n";

pub const WIRE: &str = "Brennmoor dam seepage forces reservoir drawdown\n\n\
The water board of Brennmoor began lowering the reservoir on Monday, after engineers measured seepage through 15 sections of the old dam.\n\n\
Chief engineer Petra Halvorsen said: \"Nobody downstream is in danger tonight, but we are not taking chances.\"\n\n\
Repairing the dam is expected to cost the region tens of millions of marks.\n";

pub const COUNCIL: &str = "Brennmoor council questions dam inspections\n\n\
Councillors in Brennmoor asked on Tuesday why the seepage in the old dam was not found at the last inspection of the water board.\n\n\
\u{201c}Nobody downstream is in danger tonight, but we are not taking chances,\u{201d} Petra Halvorsen repeated before the council.\n";

pub const CHOIR: &str = "Village choir records its first album\n\n\
The choir of Tallwick recorded twelve songs in the old chapel over two winter weekends.\n\n\
Its conductor said the album would be sold at the summer fair.\n";

pub fn briefing(w: u16, h: u16) -> Harness {
    let mut h = Harness::files(
        &[
            ("a-gazette.txt", GAZETTE.as_bytes()),
            ("b-wire.txt", WIRE.as_bytes()),
            ("c-council.txt", COUNCIL.as_bytes()),
            ("d-choir.txt", CHOIR.as_bytes()),
        ],
        w,
        h,
    );
    h.load_all();
    h
}

//! The value rules on sentences the project writes.

use super::*;

fn found(text: &str) -> Vec<(&str, ValueKind)> {
    find_values(text)
        .into_iter()
        .map(|v| (&text[v.start..v.end], v.kind))
        .collect()
}

#[test]
fn dates_and_times() {
    use ValueKind::Date;
    assert_eq!(found("The talks began on Thursday."), [("Thursday", Date)]);
    assert_eq!(
        found("Signed on 14 April, 2026 in Lisbon."),
        [("14 April, 2026", Date)]
    );
    assert_eq!(
        found("Published March 3, 2026 15:11 by the desk."),
        [("March 3, 2026 15:11", Date)]
    );
    assert_eq!(
        found("The deadline expires at 2:50 p.m. (0550 GMT) on Friday."),
        [("2:50 p.m. (0550 GMT)", Date), ("Friday", Date)]
    );
    assert_eq!(
        found("Prices rose this month and fell last year."),
        [("this month", Date), ("last year", Date)]
    );
    assert_eq!(found("Work may start in 2027."), [("in 2027", Date)]);
    assert_eq!(
        found("The ferry left at 5:50pm GMT and again at 9pm."),
        [("5:50pm GMT", Date), ("9pm", Date)]
    );
}

#[test]
fn money_and_percentages() {
    use ValueKind::{Money, Percent};
    assert_eq!(found("a ransom of $200 million"), [("$200 million", Money)]);
    assert_eq!(
        found("pledged US$200 million and EUR 2.4 billion"),
        [("US$200 million", Money), ("EUR 2.4 billion", Money)]
    );
    assert_eq!(
        found("some 40 million euros were spent"),
        [("40 million euros", Money)]
    );
    assert_eq!(
        found("loads fell by 30% and then 12 per cent"),
        [("30%", Percent), ("12 per cent", Percent)]
    );
}

#[test]
fn quantities_count_something() {
    use ValueKind::Quantity;
    assert_eq!(
        found("Officials from 21 countries met."),
        [("21 countries", Quantity)]
    );
    assert_eq!(
        found("up to 5,000 EU citizens have gone"),
        [("up to 5,000 EU citizens", Quantity)]
    );
    assert_eq!(
        found("after 31 air raids overnight"),
        [("31 air raids", Quantity)]
    );
    assert_eq!(found("It took two years."), [("two years", Quantity)]);
    assert!(found("The vote was 7 to 2.").is_empty());
}

#[test]
fn counts_end_on_what_they_count() {
    use ValueKind::Quantity;
    assert_eq!(found("It took a year."), [("a year", Quantity)]);
    assert_eq!(found("for one week only"), [("one week", Quantity)]);
    assert_eq!(
        found("holding two Velmoran sailors"),
        [("two Velmoran sailors", Quantity)]
    );
    assert_eq!(
        found("It left 17 people dead and more hurt."),
        [("17 people", Quantity)]
    );
    // A number before a preposition counts nothing; nor does one before a name alone.
    assert!(found("Another two near Ostra were seized.").is_empty());
    assert!(found("The club signed two Ostra.").is_empty());
    assert!(found("No one knows.").is_empty());
}

#[test]
fn months_alone_slashes_and_lost_spaces() {
    use ValueKind::Date;
    assert_eq!(found("It began in December."), [("December", Date)]);
    assert_eq!(
        found("It was signed on August 18,2014 in Ostra."),
        [("August 18,2014", Date)]
    );
    assert_eq!(
        found("Since August last year, prices rose."),
        [("August last year", Date)]
    );
    assert_eq!(found("the attacks of 9/11 changed it"), [("9/11", Date)]);
    // Shares and rates are not dates.
    for text in [
        "on 3/4 of the routes",
        "a 2/3 majority",
        "a 24/7 service began",
    ] {
        assert!(found(text).is_empty(), "{text}: {:?}", found(text));
    }
    assert_eq!(found("on 25/12/2025 at noon"), [("25/12/2025", Date)]);
    assert!(found("a ratio of 30/40 was seen").is_empty());
    assert!(found("May I ask?").is_empty());
    assert!(found("Visitors may come.").is_empty());
}

# Messages shared by every crate (English).

common-severity-error = error
common-severity-warning = warning
common-severity-note = note
common-count-experts = { $count ->
    [one] { $count } expert
   *[other] { $count } experts
}
common-help-label = help

# Messages of the console area (en).

## Pools and specialties typed by name (the console's forms and POST /api/draws).
console-no-pool-chosen = no pool was chosen
console-choose-pool-fix = choose a pool from the list, or give its name or code
console-unknown-pool = there is no pool named “{ $typed }”
console-unknown-pool-suggest-fix = did you mean “{ $near }”? Give the name or the code as the list spells it
console-unknown-pool-fix = choose one of these pools: { $names }
console-list-separator = {", "}
console-no-specialty-chosen = no specialty was chosen
console-unknown-specialty = there is no specialty named “{ $typed }”
console-unknown-specialty-suggest-fix = did you mean “{ $near }”? Give the name or the code as the list spells it
console-unknown-specialty-fix = type a few characters of the name and choose from the list, or give a code of specialties.toml
console-ambiguous-specialty = { $count ->
        [one] { $count } specialty is
       *[other] { $count } specialties are
    } named “{ $typed }”
console-ambiguous-specialty-fix = choose the entry with its code from the list, or give the code

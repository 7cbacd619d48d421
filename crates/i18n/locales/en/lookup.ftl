# Messages of the lookup area (en).

lookup-pool-ambiguous = `{ $input }` is part of the names of { $count ->
        [one] { $count } pool
       *[other] { $count } pools
    }, so it does not say which one.
lookup-specialty-ambiguous = `{ $input }` is part of the names of { $count ->
        [one] { $count } specialty
       *[other] { $count } specialties
    }, so it does not say which one.
lookup-pool-unknown = No pool has the code or name `{ $input }`.
lookup-specialty-unknown = No specialty has the code or name `{ $input }`.
lookup-help-choose-one = Write the full name or the code of one of: { $choices }.
lookup-help-did-you-mean = Did you mean { $choices }? Use the right name or code.
lookup-help-pools = Use one of these pools (by name or code): { $choices }.
lookup-help-specialties = Use a specialty name or code listed in specialties.toml.
lookup-help-line = help: { $help }

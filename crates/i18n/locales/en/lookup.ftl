# Messages of the lookup area (en).

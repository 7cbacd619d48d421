# Messages of the console area (en).

# Messages of expertpool-site (en).

# Messages of expertpool-records (en).

# Messages of expertpool-staff (en).

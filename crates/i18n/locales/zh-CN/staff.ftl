# Messages of expertpool-staff (zh-CN).

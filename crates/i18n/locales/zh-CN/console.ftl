# Messages of the console area (zh-CN).

print("ipdr")

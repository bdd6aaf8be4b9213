print("decision-hub")

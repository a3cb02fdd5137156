"""sample_site"""
